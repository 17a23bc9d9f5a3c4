app_name = "workspace"

urlpatterns: list = []
