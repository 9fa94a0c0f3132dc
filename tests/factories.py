import datetime as dt

import factory

from policies.models import DocType, PolicyDocument, Validity
from portal.models import Department, PublishStatus, Role, User
from portal.roles import assign_role


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"测试厅{n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    code = factory.Sequence(lambda n: f"439{n:03d}-00")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"official{n}")
    department = factory.SubFactory(DepartmentFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def with_role(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()  # the password set above; assign_role saves only role and is_staff
        if extracted:
            assign_role(self, extracted)


def official(role: str = Role.EDITOR, department=None) -> User:
    return UserFactory(department=department or DepartmentFactory(), with_role=role)


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyDocument

    title = factory.Sequence(lambda n: f"关于做好第{n}项政务公开工作的通知")
    issuer = factory.SubFactory(DepartmentFactory)
    department = factory.SelfAttribute("issuer")
    doc_number = factory.Sequence(lambda n: f"湘测发〔2023〕{n + 1}号")
    index_number = factory.Sequence(lambda n: f"TEST/2023-{n + 1:05d}")
    topic = "综合政务"
    subtopic = "政务公开"
    doc_type = DocType.NORMATIVE
    validity = Validity.VALID
    issued_date = factory.Sequence(lambda n: dt.date(2023, 1, 1) + dt.timedelta(days=n))
    body = "<p>为深入推进政务公开，现将有关事项通知如下。</p>"
    keywords = "政务公开"
    status = PublishStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: dt.datetime(2023, 6, 1, tzinfo=dt.timezone.utc))
