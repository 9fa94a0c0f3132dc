"""The index follows the database: on commit, on delete/unpublish, through rebuilds and repairs."""
import os

import pytest
from django.core.management import call_command
from django.db import transaction
from haystack.inputs import AutoQuery, Exact
from haystack.query import SearchQuerySet

from policies.models import PolicyDocument
from portal.models import PublishStatus
from portal.search import service, store
from portal.search.engines import rebuild
from portal.search.models import PendingIndexUpdate
from tests.factories import PolicyFactory


def ids(query, **kwargs):
    return [item.obj.pk for item in service.search(query, log=False, **kwargs).items]


@pytest.mark.both_engines
def test_match_all_counts_every_indexed_document(corpus):
    PolicyFactory(status=PublishStatus.DRAFT, title="草稿不应被索引")
    public = PolicyDocument.objects.public().count()
    rebuild()
    assert SearchQuerySet().all().count() == public
    assert SearchQuerySet().models(PolicyDocument).count() == public


@pytest.mark.both_engines
def test_haystack_phrase_exact_and_highlight(corpus):
    assert SearchQuerySet().auto_query('"营商环境"').count() == 2
    assert SearchQuerySet().filter(content=Exact("激发市场主体活力")).count() == 1
    result = SearchQuerySet().filter(content=AutoQuery("营商环境")).highlight()[0]
    assert "<mark>营商环境</mark>" in result.highlighted["text"][0]


@pytest.mark.both_engines
def test_saving_indexes_after_commit_in_one_batch(db, django_capture_on_commit_callbacks):
    rebuild()  # an empty index
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        docs = [PolicyFactory(title=f"关于推进适老化改造第{i}批项目的通知") for i in range(3)]
    assert SearchQuerySet().all().count() == 0  # nothing written inside the transaction
    index_flushes = [cb for cb in callbacks if getattr(cb, "_search_flush", False)]  # other apps add theirs
    assert len(index_flushes) == 1  # three saves, one index task after the commit
    index_flushes[0]()
    assert sorted(ids("适老化改造")) == sorted(d.pk for d in docs)


@pytest.mark.both_engines
def test_rolled_back_save_is_not_indexed(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kept = PolicyFactory(title="关于老年助餐服务的通知")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                PolicyFactory(title="关于老年助餐补贴标准的通知")
                raise RuntimeError("rollback")
    assert callbacks == []
    assert ids("老年助餐") == [kept.pk]


@pytest.mark.both_engines
def test_unpublish_and_delete_remove_from_results(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = PolicyFactory(title="关于实施就业见习补贴的通知")
        b = PolicyFactory(title="关于提高就业见习补贴标准的通知")
    assert sorted(ids("就业见习")) == sorted([a.pk, b.pk])
    with django_capture_on_commit_callbacks(execute=True):
        a.status = PublishStatus.WITHDRAWN
        a.save()
        b_pk = b.pk
        b.delete()
    assert ids("就业见习") == [] and ids("就业见习", type_name="policy") == []
    assert SearchQuerySet().all().count() == 0
    assert not PolicyDocument.objects.filter(pk=b_pk).exists()


@pytest.mark.both_engines
def test_stale_entry_is_never_shown_and_gets_queued(corpus, monkeypatch):
    queued = []
    monkeypatch.setattr("portal.search.indexing.queue_updates", queued.extend)
    PolicyDocument.objects.filter(pk=corpus["driving"].pk).update(status=PublishStatus.WITHDRAWN)  # no signal
    assert corpus["driving"].pk not in ids("驾驶证")
    assert ("policies.PolicyDocument", str(corpus["driving"].pk)) in queued


@pytest.mark.whoosh_engine
def test_rebuild_builds_aside_and_swaps(corpus, search_index, monkeypatch):
    first = os.path.realpath(search_index)
    assert os.path.islink(search_index) and first != str(search_index)
    seen_during_build = []
    from portal.search import build

    original = build._add_rows

    def add_rows_and_search(writer, work):
        seen_during_build.append(len(ids("通知")))  # search while the new generation is half full
        return original(writer, work)

    monkeypatch.setattr(build, "_add_rows", add_rows_and_search)
    before = len(ids("通知"))
    call_command("rebuild_index", "--noinput", verbosity=0)
    second = os.path.realpath(search_index)
    assert second != first and seen_during_build == [before]
    assert len(ids("通知")) == before
    call_command("rebuild_index", "--noinput", verbosity=0)
    # the previous generation is kept for open searchers, older ones are removed
    assert os.path.exists(second) and not os.path.exists(first)


@pytest.mark.django_db(transaction=True)
@pytest.mark.whoosh_engine
def test_parallel_rebuild_gives_the_same_results(corpus):
    # Worker processes read the rows through their own connections: they must be committed.
    serial = {q: ids(q) for q in ("养老金", "通知", "湘政发〔2023〕1号", "ylj")}
    report = rebuild(workers=2)
    assert report.workers == 2 and report.documents == PolicyDocument.objects.public().count()
    assert {q: ids(q) for q in serial} == serial


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
@pytest.mark.whoosh_engine
def test_broken_index_falls_back_to_the_database(corpus, search_index, client, damage):
    target = os.path.realpath(search_index)
    if damage == "missing":
        import shutil

        shutil.rmtree(target)
    else:
        for name in os.listdir(target):
            if name.endswith(".toc") or name.endswith(".seg"):
                with open(os.path.join(target, name), "wb") as handle:
                    handle.write(b"\x00garbage")
    store.invalidate()
    results = service.search("养老金")
    assert results.fallback and corpus["pension"] in results.objects
    html = client.get("/search/", {"q": "公租房"}).content.decode()
    assert "搜索服务正在维护" in html and corpus["public_rental"].get_absolute_url() in html
    data = client.get("/api/search/", {"q": "驾驶证", "type": "policy"}).json()
    assert data["results"][0]["id"] == corpus["driving"].pk


@pytest.mark.both_engines
def test_reconcile_finds_and_fixes_every_difference(corpus):
    PolicyDocument.objects.filter(pk=corpus["tax"].pk).update(title="关于实施研发费用加计扣除政策的公告")
    PolicyDocument.objects.filter(pk=corpus["school"].pk).update(status=PublishStatus.WITHDRAWN)
    missing = PolicyDocument.objects.bulk_create([PolicyDocument(
        title="关于规范殡葬服务收费的通知", issuer=corpus["tax"].issuer, department=corpus["tax"].department,
        body="<p>殡葬服务。</p>", status=PublishStatus.PUBLISHED, index_number="SEARCH/bulk")])[0]
    from portal.search.reconcile import reconcile

    report = reconcile(fix=False)
    label = "policies.PolicyDocument"
    assert report.stale == [(label, str(corpus["tax"].pk))]
    assert report.extra == [(label, str(corpus["school"].pk))]
    assert report.missing == [(label, str(missing.pk))]
    call_command("search_reconcile", verbosity=0)
    assert ids("研发费用加计扣除") == [corpus["tax"].pk]
    assert ids("殡葬") == [missing.pk]
    assert SearchQuerySet().all().count() == PolicyDocument.objects.public().count()
    assert reconcile(fix=False).differences == 0


@pytest.mark.both_engines
def test_failed_enqueue_is_recorded_and_applied_later(db, django_capture_on_commit_callbacks, monkeypatch):
    from portal.search import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis 不可用")

    rebuild()
    monkeypatch.setattr(tasks.update_index_items, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        doc = PolicyFactory(title="关于做好困难群众临时救助工作的通知")
    assert PendingIndexUpdate.objects.filter(object_pk=str(doc.pk)).exists()
    assert ids("临时救助") == []
    monkeypatch.undo()
    tasks.drain_pending_updates()
    assert ids("临时救助") == [doc.pk]
    assert not PendingIndexUpdate.objects.exists()


@pytest.mark.both_engines
def test_failed_index_write_is_recorded(db, django_capture_on_commit_callbacks, monkeypatch):
    rebuild()

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr("portal.search.indexing.apply_updates", disk_full)
    with django_capture_on_commit_callbacks(execute=True):
        doc = PolicyFactory(title="关于做好残疾人两项补贴工作的通知")
    assert PendingIndexUpdate.objects.filter(object_pk=str(doc.pk)).exists()
    monkeypatch.undo()
    call_command("search_reconcile", verbosity=0)
    assert ids("残疾人两项补贴") == [doc.pk]


@pytest.mark.whoosh_engine
def test_updates_during_a_rebuild_reach_the_new_index(db, search_index):
    rebuild()
    marker = store.rebuild_marker(search_index)
    marker.write_text(f"{os.getpid()} 0")  # a rebuild is running (this process, so it is alive)
    from portal.search.indexing import apply_updates

    doc = PolicyFactory(title="关于开展政务公开主题日活动的通知")
    apply_updates([("policies.PolicyDocument", str(doc.pk))])
    assert PendingIndexUpdate.objects.filter(object_pk=str(doc.pk)).exists()
    marker.unlink()
    rebuild()
    assert ids("主题日") == [doc.pk] and not PendingIndexUpdate.objects.exists()


@pytest.mark.whoosh_engine
def test_one_writer_at_a_time(search_index):
    import threading

    inside = threading.Event()
    release = threading.Event()

    def hold():
        with store.write_lock(search_index):
            inside.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait(5)
    try:
        with pytest.raises(store.IndexBusy):
            with store.write_lock(search_index, timeout=0.2):
                pass
    finally:
        release.set()
        holder.join()
    with store.write_lock(search_index, timeout=1):
        pass


# Real commits, as in production (no test-wide transaction).
@pytest.mark.django_db(transaction=True)
def test_bulk_deletes_send_one_index_task_per_transaction(client, department):
    from unittest import mock

    from portal.models import Role
    from portal.search import tasks
    from tests.security.accounts import official

    docs = [PolicyFactory(issuer=department, title=f"关于下达第{i}批农村危房改造补助资金的通知") for i in range(6)]
    assert len(ids("危房改造")) == 6
    client.force_login(official(Role.ADMIN))
    send = tasks.update_index_items.apply_async
    with mock.patch.object(tasks.update_index_items, "apply_async", wraps=send) as sent:
        PolicyDocument.objects.filter(pk__in=[d.pk for d in docs[:3]]).delete()
        response = client.post("/admin/policies/policydocument/", {
            "action": "delete_selected", "post": "yes", "_selected_action": [d.pk for d in docs[3:]]})
    assert response.status_code == 302
    batches = [{tuple(item) for item in call.kwargs["args"][0]} for call in sent.call_args_list]
    label = "policies.PolicyDocument"
    assert batches == [{(label, str(d.pk)) for d in docs[:3]}, {(label, str(d.pk)) for d in docs[3:]}]
    assert ids("危房改造") == [] and SearchQuerySet().all().count() == 0


@pytest.mark.django_db(transaction=True)
def test_bulk_publish_in_admin_sends_one_index_task(client, department):
    from unittest import mock

    from portal.models import PublishStatus, Role
    from portal.search import tasks
    from tests.security.accounts import official

    docs = [PolicyFactory(issuer=department, title=f"关于公布第{i}批省级非遗项目的通知", status=PublishStatus.PENDING)
            for i in range(4)]
    assert ids("非遗项目") == []
    client.force_login(official(Role.ADMIN))
    send = tasks.update_index_items.apply_async
    with mock.patch.object(tasks.update_index_items, "apply_async", wraps=send) as sent:
        response = client.post("/admin/policies/policydocument/", {
            "action": "publish", "_selected_action": [d.pk for d in docs]})
    assert response.status_code == 302
    assert len(sent.call_args_list) == 1
    assert sorted(ids("非遗项目")) == sorted(d.pk for d in docs)
