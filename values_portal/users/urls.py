app_name = "users"

urlpatterns: list = []
