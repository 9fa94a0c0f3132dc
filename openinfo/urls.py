app_name = "openinfo"

urlpatterns: list = []
