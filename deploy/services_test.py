#!/usr/bin/env python3
"""`make services-test`: the production set-up, end to end, on this machine.

Starts gunicorn (deploy/gunicorn.conf.py, DEBUG=0, collected static files) plus the two Celery
workers (queue "search" with concurrency 1, queue "default") and beat, against PostgreSQL and
Redis, in a database of its own (portal_services_test, created and dropped here), and nginx with
deploy/nginx.conf moved to a temp prefix (deploy/services_nginx.py). Then, over HTTP through nginx
like an official's browser: logs into /admin/ with password + TOTP code (OTP_REQUIRED=1), creates a
policy through the admin form, publishes it, and checks that /api/search/ finds it within seconds.
Uploads an attachment to a draft: its URL answers 404, after publication 200 with the same bytes
(sent by nginx through X-Accel-Redirect), after withdrawal 404 at once; an oversize attachment gets
the application's Chinese message, bodies beyond nginx's limit nginx's Chinese 413 page.
Also checks that a task no worker knows ends in the failed-task list.

Then several hosts (deploy/README.md §13): two gunicorn instances, each started from a working
directory of its own (its own static, media and index directories, nothing shared on disk) with
SEARCH_ENGINE=postgres, and a Celery worker per host on the shared Redis, against a second
database. A policy published through host A's admin is found through host B's /api/search/
within HOSTS_SEARCH_SECONDS (2 s); withdrawn through host B's admin, it is gone from host A's
search and from the search table as quickly.
Everything it started is stopped again, on failure too. Exit status 0 = all good.
"""
from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve() and Path(PY).parent.parent == ROOT / ".venv" \
        and __name__ == "__main__":
    os.execv(PY, [PY, __file__, *sys.argv[1:]])  # the project's virtualenv has psycopg, redis, django-otp
sys.path.insert(0, str(Path(__file__).resolve().parent))
BIN = Path(PY).parent
DB_NAME = os.environ.get("SERVICES_TEST_DB", "portal_services_test")
HOSTS_DB_NAME = DB_NAME + "_hosts"
HOSTS_SEARCH_SECONDS = float(os.environ.get("SERVICES_TEST_HOSTS_SECONDS", "2"))
REDIS_DB = os.environ.get("SERVICES_TEST_REDIS_DB", "13")
SEARCH_DEADLINE = float(os.environ.get("SERVICES_TEST_SEARCH_SECONDS", "20"))
USERNAME, PASSWORD = "services-reviewer", "Svc-" + secrets.token_urlsafe(12)
OTP_KEY = secrets.token_hex(20)

import services_nginx  # noqa: E402
from services_http import Browser, HttpError, parse_forms  # noqa: E402


class Failure(Exception):
    pass


def step(message: str) -> None:
    print(f"[services-test] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """The processes this run started (each in its own process group) and how to stop them."""

    def __init__(self, workdir: Path, env: dict):
        self.workdir, self.env = workdir, env
        self.procs: dict[str, subprocess.Popen] = {}

    def manage(self, *args: str, timeout: int = 600) -> str:
        result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True,
                                text=True, timeout=timeout)
        if result.returncode != 0:
            raise Failure(f"manage.py {' '.join(args)} 失败：\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
        return result.stdout

    def start(self, name: str, argv: list[str], *, cwd: Path = ROOT, env: dict | None = None) -> None:
        log = open(self.workdir / f"{name}.log", "wb")
        self.procs[name] = subprocess.Popen(argv, cwd=cwd, env=env or self.env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def alive(self, name: str) -> bool:
        return self.procs[name].poll() is None

    def wait_log(self, name: str, needle: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if needle in self.log(name):
                return
            if not self.alive(name):
                raise Failure(f"{name} 启动后退出（退出码 {self.procs[name].returncode}）")
            time.sleep(0.3)
        raise Failure(f"{name} 在 {seconds:.0f} 秒内没有就绪（等待日志中出现 {needle!r}）")

    def print_logs(self) -> None:
        for name in self.procs:
            print(f"----- {name}.log（末尾）-----\n{self.log(name)[-3000:]}", file=sys.stderr)

    def stop_all(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for name, proc in self.procs.items():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                step(f"{name} 未在 20 秒内退出，强制结束")
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def wait_port(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise Failure(f"端口 {port} 在 {seconds:.0f} 秒内没有开始监听")


def database_urls(name: str = DB_NAME) -> tuple[str, str]:
    """(maintenance database URL, this test's database URL), from DATABASE_URL when it is PostgreSQL."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlparse(base)
    return urlunparse(parts._replace(path="/postgres")), urlunparse(parts._replace(path=f"/{name}"))


def recreate_database(maintenance_url: str, drop_only: bool = False, name: str = DB_NAME) -> None:
    import psycopg

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def redis_url() -> str:
    parts = urlparse(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    return urlunparse(parts._replace(path=f"/{REDIS_DB}"))


def check_services(maintenance_url: str) -> None:
    import psycopg
    import redis

    try:
        psycopg.connect(maintenance_url, connect_timeout=5).close()
    except Exception as exc:
        raise Failure(f"连接不到 PostgreSQL（{maintenance_url}）：{exc}") from exc
    try:
        redis.Redis.from_url(redis_url(), socket_connect_timeout=5).ping()
    except Exception as exc:
        raise Failure(f"连接不到 Redis（{redis_url()}）：{exc}") from exc


SETUP_OFFICIAL = """
from django_otp.plugins.otp_totp.models import TOTPDevice
from portal.models import Department, Role, User
from portal.roles import assign_role
dept, _ = Department.objects.get_or_create(code="439999-00", defaults={{"name": "联调测试局", "short_name": "联调测试局"}})
user = User.objects.create_user("{user}", password="{password}", department=dept)
assign_role(user, Role.REVIEWER)
TOTPDevice.objects.create(user=user, name="手机验证器", key="{key}", confirmed=True)
print(dept.pk)
"""


def totp_now(offset: int = 0) -> str:
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(OTP_KEY), drift=offset):06d}"


def admin_login(browser: Browser) -> None:
    page = browser.get("/admin/login/?next=/admin/")
    form = parse_forms(page.text, "login-form")[0]
    for attempt in range(2):
        # Two tries: a code typed at the very end of its 30 s step may expire in transit.
        fields = {**form.values, "username": USERNAME, "password": PASSWORD, "otp_token": totp_now(attempt)}
        response = browser.post("/admin/login/?next=/admin/", fields)
        if response.status == 302:
            return
    raise Failure(f"后台登录失败（状态 {response.status}）：{response.error_text()}")


def create_policy(browser: Browser, dept_id: str, title: str) -> str:
    page = browser.get("/admin/policies/policydocument/add/")
    form = parse_forms(page.text, "policydocument_form")[0]
    fields = dict(form.values)
    fields.update({
        "title": title, "doc_number": f"联调发〔2026〕{secrets.randbelow(900) + 100}号",
        "issuer": dept_id, "department": dept_id, "topic": form.first_option("topic") or "综合政务",
        "subtopic": form.first_option("subtopic") or "", "doc_type": form.first_option("doc_type"),
        "validity": form.first_option("validity"), "issued_date": "2026-01-15", "written_date": "2026-01-10",
        "body": f"<p>{title}。为检验生产部署，现将联调事项通知如下：各单位按要求做好政务公开工作。</p>",
        "summary": "生产部署联调测试文件。", "_continue": "1",
    })
    response = browser.post("/admin/policies/policydocument/add/", fields)
    if response.status != 302 or "/change/" not in response.location:
        raise Failure(f"新建政策文件失败（状态 {response.status}）：{response.error_text()}")
    return response.location


def publish(browser: Browser, change_url: str, to: str = "published", label: str = "已发布") -> None:
    page = browser.get(change_url)
    form = parse_forms(page.text, "policydocument_form")[0]
    fields = {**form.values, "_transition": to, "_continue": "1"}
    response = browser.post(change_url, fields)
    if response.status != 302:
        raise Failure(f"{label}失败（状态 {response.status}）：{response.error_text()}")
    after = browser.get(change_url).text
    if f"{label}" not in after:
        raise Failure(f"操作后文件状态不是“{label}”：" + Browser.messages(after))


def add_attachment(browser: Browser, change_url: str, filename: str, content: bytes):
    form = parse_forms(browser.get(change_url).text, "policydocument_form")[0]
    index = int(form.values["attachments-TOTAL_FORMS"])  # one more row, like 添加另一个附件
    fields = {**form.values, "attachments-TOTAL_FORMS": str(index + 1), f"attachments-{index}-title": "联调附件",
              f"attachments-{index}-sort_order": "0", "_continue": "1"}
    return browser.post(change_url, fields, files={f"attachments-{index}-file": (filename, content)})


ATTACHMENT_NAME = "联调附件（正式文本）.pdf"


def check_files(browser: Browser, change_url: str, nginx_port: int, app_port: int, max_mb: int) -> None:
    """Files follow the publication of their document, through nginx; oversize uploads answered in Chinese."""
    anonymous = Browser(f"http://127.0.0.1:{nginx_port}")
    content = b"%PDF-1.4\n" + secrets.token_bytes(64 * 1024)
    response = add_attachment(browser, change_url, ATTACHMENT_NAME, content)
    if response.status != 302:
        raise Failure(f"上传附件失败（状态 {response.status}）：{response.error_text()}")
    found = re.search(r'href="(/media/policies/attachments/[^"]+)"', browser.get(change_url).text)
    if not found:
        raise Failure("后台页面上没有附件链接")
    url = found.group(1)
    if not re.fullmatch(r"/media/policies/attachments/\d{4}/[0-9a-f]{24}/" + re.escape(ATTACHMENT_NAME), unquote(url)):
        raise Failure(f"附件的存储名可以猜到或丢了原文件名：{unquote(url)}")
    for path in (url, "/_protected_media/" + url[len("/media/"):]):
        if (status := anonymous.fetch(path).status) != 404:
            raise Failure(f"草稿的附件 {unquote(path)} 公众可以打开（状态 {status}）")
    step("草稿的附件：/media/ 与内部地址都答 404，存储名含随机目录")

    publish(browser, change_url)
    served = anonymous.fetch(url)
    if served.status != 200 or served.body != content:
        raise Failure(f"已发布文件的附件打不开或内容不符（状态 {served.status}，{len(served.body)} 字节）")
    if ("X-Accel-Redirect" in served.headers or "filename*=utf-8''" not in served.headers.get("Content-Disposition", "")
            or served.headers.get("Content-Type") != "application/pdf"
            or "sandbox" not in served.headers.get("Content-Security-Policy", "")):
        raise Failure(f"附件响应头不对：{served.headers}")
    direct = Browser(f"http://127.0.0.1:{app_port}").fetch(url)
    if direct.body or not direct.headers.get("X-Accel-Redirect", "").startswith("/_protected_media/"):
        raise Failure("gunicorn 没有把附件交给 nginx 发送（缺少 X-Accel-Redirect）")
    step("发布后：附件 200，内容一致，由 nginx 经 X-Accel-Redirect 发送，保留原文件名")

    publish(browser, change_url, "withdrawn", "已撤回")
    if (status := anonymous.fetch(url).status) != 404:
        raise Failure(f"撤回后附件仍可打开（状态 {status}）")
    step("撤回后：附件立即 404")

    oversize = add_attachment(browser, change_url, "过大的附件.pdf", b"%PDF-1.4\n" + b"0" * ((max_mb + 6) << 20))
    if oversize.status != 200 or f"附件过大：不能超过 {max_mb}MB" not in oversize.text:
        raise Failure(f"{max_mb + 6}MB 的附件没有得到应用的中文提示（状态 {oversize.status}）：{oversize.text[:300]}")
    for path, size in (("/openinfo/", 30 << 20), ("/admin/policies/policydocument/add/", 400 << 20)):
        status, answer = services_nginx.raw_request(
            nginx_port, f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                        f"Content-Length: {size}\r\nConnection: close\r\n")
        if status != 413 or "上传的文件过大" not in answer:
            raise Failure(f"POST {path}（{size >> 20}MB）没有得到中文的 413 页面（状态 {status}）：{answer[:300]}")
    step(f"超过 {max_mb}MB 的附件：应用的中文提示；超过 nginx 上限的请求：中文 413 页面")


def wait_for_search(browser: Browser, title: str, *, seconds: float = SEARCH_DEADLINE, present: bool = True,
                    poll: float = 0.5) -> float:
    """Seconds until /api/search/ lists the title (or, present=False, no longer lists it)."""
    started = time.monotonic()
    query = title[-12:]
    while time.monotonic() - started < seconds:
        data = browser.get_json("/api/search/", {"q": query})
        if any(hit.get("title") == title for hit in data.get("results", [])) == present:
            return time.monotonic() - started
        time.sleep(poll)
    state = "仍找不到该文件（索引任务没有执行？）" if present else "仍能搜到已撤回的文件"
    raise Failure(f"{seconds:.0f} 秒后 {browser.base}/api/search/?q={query} {state}")


def run(workdir: Path) -> None:
    workdir.mkdir(parents=True, exist_ok=True)
    maintenance_url, db_url = database_urls()
    check_services(maintenance_url)
    port, nginx_port = free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": db_url, "REDIS_URL": redis_url(), "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(workdir / "media"), "STATIC_ROOT": str(workdir / "static"), "COLLECTED_STATIC": "1",
        "SEARCH_INDEX_DIR": str(workdir / "whoosh"), "OTP_REQUIRED": "1", "LOG_LEVEL": "INFO",
        "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2", "GUNICORN_ACCESSLOG": str(workdir / "access.log"),
        "PYTHONUNBUFFERED": "1", "MEDIA_ACCEL_REDIRECT": "/_protected_media/",
    }
    env.pop("HTTPS", None)  # plain HTTP on the loopback; TLS is nginx's job
    stack = Stack(workdir, env)
    step(f"数据库 {DB_NAME}、Redis 库 {REDIS_DB}、工作目录 {workdir}")
    recreate_database(maintenance_url)
    try:
        stack.manage("migrate", "--noinput")
        stack.manage("collectstatic", "--noinput", "-v0")
        dept_id = stack.manage("shell", "-c", SETUP_OFFICIAL.format(user=USERNAME, password=PASSWORD, key=OTP_KEY))
        dept_id = dept_id.strip().splitlines()[-1]
        subprocess.run([str(BIN / "celery"), "--app", "portal", "purge", "-f", "-Q", "search,default"],
                       cwd=ROOT, env=env, capture_output=True, timeout=60)

        step("启动 gunicorn、Celery worker（search 单写入队列 + default 队列）和 beat")
        stack.start("gunicorn", [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")])
        stack.start("worker-search", [str(BIN / "celery"), "--app", "portal", "worker", "--queues", "search",
                                      "--concurrency", "1", "--hostname", f"search-{port}@%h", "--loglevel", "INFO"])
        stack.start("worker-default", [str(BIN / "celery"), "--app", "portal", "worker", "--queues", "default",
                                       "--concurrency", "1", "--hostname", f"default-{port}@%h", "--loglevel", "INFO"])
        stack.start("beat", [str(BIN / "celery"), "--app", "portal", "beat", "--loglevel", "INFO",
                             "--schedule", str(workdir / "celerybeat-schedule")])
        stack.wait_log("gunicorn", "jieba 词典已在主进程加载", 90)
        for name in ("worker-search", "worker-default"):
            stack.wait_log(name, " ready.", 90)
        stack.wait_log("beat", "beat: Starting", 60)

        nginx = services_nginx.nginx_binary()
        if not nginx:
            raise Failure("找不到 nginx（Debian 软件包 nginx，见 .ci/run）")
        (workdir / "media").mkdir(exist_ok=True)
        conf = services_nginx.write_config(workdir, listen_port=nginx_port, app_port=port,
                                           media_root=workdir / "media", static_root=workdir / "static")
        checked = subprocess.run([nginx, "-t", "-p", str(conf.parent), "-c", str(conf)], capture_output=True, text=True)
        if checked.returncode:
            raise Failure(f"nginx -t 不通过：{checked.stderr}")
        stack.start("nginx", [nginx, "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"])
        wait_port(nginx_port, 20)
        step(f"nginx（deploy/nginx.conf，端口 {nginx_port}）在 gunicorn 前面")

        browser = Browser(f"http://127.0.0.1:{nginx_port}")
        home = browser.get("/")
        if "Content-Security-Policy" not in home.headers:
            raise Failure("首页缺少 Content-Security-Policy 响应头")
        step("首页 200，安全响应头齐全；登录后台（密码 + 动态验证码）")
        admin_login(browser)
        title = f"关于开展生产部署联调测试{secrets.token_hex(3).upper()}工作的通知"
        change_url = create_policy(browser, dept_id, title)
        step(f"已通过后台表单新建：{title}")
        publish(browser, change_url)
        step("已发布，等待搜索索引（search 队列）")
        seconds = wait_for_search(browser, title)
        step(f"发布后 {seconds:.1f} 秒即可在 /api/search/ 搜到")

        files_url = create_policy(browser, dept_id, f"关于联调附件{secrets.token_hex(3).upper()}管理的通知")
        max_mb = int(stack.manage("shell", "-c", "from django.conf import settings; "
                                                 "print(settings.UPLOAD_MAX_MB['attachment'])").split()[-1])
        check_files(browser, files_url, nginx_port, port, max_mb)

        stack.manage("shell", "-c", "from portal.celery import app; app.send_task('portal.ops.tasks.no_such_task_selftest')")
        deadline = time.monotonic() + 20
        count_cmd = ("from portal.ops.models import FailedTask; "
                     "print(FailedTask.objects.filter(task_name='portal.ops.tasks.no_such_task_selftest').count())")
        while (counted := stack.manage("shell", "-c", count_cmd).strip().splitlines()[-1:]) != ["1"]:
            if time.monotonic() > deadline:
                raise Failure(f"worker 收到未知任务后，没有记录到“失败的后台任务”列表（记录数 {counted}）")
            time.sleep(1)
        step("worker 无法执行的任务已记录在后台“失败的后台任务”列表")

        for name in stack.procs:
            if not stack.alive(name):
                raise Failure(f"{name} 在测试期间退出了")
        if "Traceback" in stack.log("gunicorn"):
            raise Failure("gunicorn 日志中有异常")
    except (Failure, HttpError) as exc:
        stack.print_logs()
        raise Failure(str(exc)) from exc
    finally:
        stack.stop_all()
        recreate_database(maintenance_url, drop_only=True)
        step("已停止本次启动的全部进程，并删除测试数据库")


INDEX_ROW_COUNT = ("from portal.search.models import SearchDocument; "
                   "print(SearchDocument.objects.filter(title={title!r}).count())")


def run_two_hosts(workdir: Path) -> None:
    """Two web hosts with SEARCH_ENGINE=postgres share only PostgreSQL and Redis."""
    workdir.mkdir(parents=True, exist_ok=True)
    maintenance_url, db_url = database_urls(HOSTS_DB_NAME)
    common = {
        **os.environ, "DATABASE_URL": db_url, "REDIS_URL": redis_url(), "DEBUG": "0", "SEARCH_ENGINE": "postgres",
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1,localhost", "COLLECTED_STATIC": "1",
        "OTP_REQUIRED": "1", "LOG_LEVEL": "INFO", "GUNICORN_WORKERS": "2", "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    common.pop("HTTPS", None)
    hosts = {}
    for name in ("a", "b"):
        home = workdir / f"host-{name}"  # this host's own disk: nothing here is seen by the other
        home.mkdir()
        port = free_port()
        hosts[name] = (home, port, {
            **common, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESSLOG": str(home / "access.log"),
            "MEDIA_ROOT": str(home / "media"), "STATIC_ROOT": str(home / "static"),
            "SEARCH_INDEX_DIR": str(home / "whoosh-unused"),
        })
    stack = Stack(workdir, hosts["a"][2])
    step(f"两台主机：数据库 {HOSTS_DB_NAME}，SEARCH_ENGINE=postgres，各自的工作目录 {workdir}/host-a、host-b")
    recreate_database(maintenance_url, name=HOSTS_DB_NAME)
    try:
        stack.manage("migrate", "--noinput")
        for _home, _port, env in hosts.values():
            Stack(workdir, env).manage("collectstatic", "--noinput", "-v0")
        dept_id = stack.manage("shell", "-c", SETUP_OFFICIAL.format(user=USERNAME, password=PASSWORD, key=OTP_KEY))
        dept_id = dept_id.strip().splitlines()[-1]
        stack.manage("rebuild_index", "--noinput")
        subprocess.run([str(BIN / "celery"), "--app", "portal", "purge", "-f", "-Q", "search,default"],
                       cwd=ROOT, env=common, capture_output=True, timeout=60)
        for name, (home, port, env) in hosts.items():
            stack.start(f"host-{name}-gunicorn", [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
                        cwd=home, env=env)
            stack.start(f"host-{name}-worker", [str(BIN / "celery"), "--app", "portal", "worker", "--queues",
                                                "search,default", "--concurrency", "1", "--hostname",
                                                f"host-{name}-{port}@%h", "--loglevel", "INFO"], cwd=home, env=env)
        for name in hosts:
            stack.wait_log(f"host-{name}-gunicorn", "jieba 词典已在主进程加载", 90)
            stack.wait_log(f"host-{name}-worker", " ready.", 90)
        a = Browser(f"http://127.0.0.1:{hosts['a'][1]}")
        admin_login(a)
        # The official's next request reaches host B: the session (in the database) holds there too.
        b = a.sharing_session(f"http://127.0.0.1:{hosts['b'][1]}")
        title = f"关于开展多主机联调测试{secrets.token_hex(3).upper()}工作的通知"
        change_url = create_policy(a, dept_id, title)
        publish(a, change_url)
        seconds = wait_for_search(b, title, seconds=HOSTS_SEARCH_SECONDS, poll=0.1)
        step(f"主机 A 后台发布，{seconds:.2f} 秒后主机 B 的 /api/search/ 即可搜到")
        publish(b, change_url, to="withdrawn", label="已撤回")
        seconds = wait_for_search(a, title, seconds=HOSTS_SEARCH_SECONDS, present=False, poll=0.1)
        deadline = time.monotonic() + HOSTS_SEARCH_SECONDS
        while stack.manage("shell", "-c", INDEX_ROW_COUNT.format(title=title)).strip().splitlines()[-1:] != ["0"]:
            if time.monotonic() > deadline:
                raise Failure("主机 B 撤回后，检索表中仍有该文件（索引任务没有执行？）")
            time.sleep(0.1)
        step(f"主机 B 后台撤回，{seconds:.2f} 秒内主机 A 已搜不到，检索表中的条目已删除")
        for name in stack.procs:
            if not stack.alive(name):
                raise Failure(f"{name} 在测试期间退出了")
            if "Traceback" in stack.log(name) and name.endswith("gunicorn"):
                raise Failure(f"{name} 日志中有异常")
    except (Failure, HttpError) as exc:
        stack.print_logs()
        raise Failure(str(exc)) from exc
    finally:
        stack.stop_all()
        recreate_database(maintenance_url, drop_only=True, name=HOSTS_DB_NAME)
        step("已停止两台主机的全部进程，并删除测试数据库")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="portal-services-") as tmp:
        try:
            run(Path(tmp) / "single")
            run_two_hosts(Path(tmp) / "hosts")
        except Failure as exc:
            print(f"[services-test] 失败：{exc}", file=sys.stderr)
            return 1
    print("[services-test] 通过：nginx + gunicorn + Celery（search/default）+ beat + PostgreSQL + Redis 联调正常；"
          "两台主机（SEARCH_ENGINE=postgres）发布与撤回互相可见")
    return 0


if __name__ == "__main__":
    sys.exit(main())
