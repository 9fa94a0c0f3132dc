app_name = "themedays"

urlpatterns: list = []
