"""Role → Group with model permissions, kept in step with the models after every migrate.

Department scoping is not a permission: DepartmentScopedAdmin applies it on top of these.
"""
from django.contrib.auth.models import Group, Permission

from portal.models import Role

CONTENT_APPS = ("policies", "themedays", "elderzone", "openinfo")

# role → (apps whose models it may work on, the permission verbs there)
ROLE_PERMISSIONS = {
    Role.EDITOR: {"apps": CONTENT_APPS, "verbs": ("view", "add", "change")},
    Role.REVIEWER: {"apps": CONTENT_APPS, "verbs": ("view", "add", "change", "delete")},
    Role.OFFICE: {"apps": CONTENT_APPS + ("portal",), "verbs": ("view", "add", "change", "delete")},
    Role.ADMIN: {"apps": CONTENT_APPS + ("portal", "auth"), "verbs": ("view", "add", "change", "delete")},
}
# Every official may look up the department tree and the history of what they can see.
READ_ALWAYS = [("portal", "view_department"), ("portal", "view_changelog")]


def sync_role_groups(**kwargs) -> None:
    for role, spec in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.label)
        perms = Permission.objects.filter(content_type__app_label__in=spec["apps"])
        wanted = [p for p in perms if p.codename.split("_", 1)[0] in spec["verbs"]]
        if role == Role.OFFICE:
            # 公开办 manages content across departments but not the officials' accounts.
            wanted = [p for p in wanted if not p.codename.endswith("_user")]
        if role in (Role.EDITOR, Role.REVIEWER):
            # Departments publish their own news and notices (portal.Article) like any content.
            portal_content = Permission.objects.filter(
                content_type__app_label="portal", content_type__model__in=["article", "articleattachment"]
            )
            wanted += [p for p in portal_content if p.codename.split("_", 1)[0] in spec["verbs"]]
            wanted += list(Permission.objects.filter(content_type__app_label="portal", codename="view_column"))
        for app_label, codename in READ_ALWAYS:
            wanted += list(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def assign_role(user, role: str) -> None:
    """Give a user a role: the field (for scoping rules) and the group (for model permissions)."""
    role = Role(role)
    user.role = role
    user.is_staff = True
    user.save(update_fields=["role", "is_staff"])
    user.groups.set(Group.objects.filter(name=role.label))
