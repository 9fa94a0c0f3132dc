app_name = "elderzone"

urlpatterns: list = []
