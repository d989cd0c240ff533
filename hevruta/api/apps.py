from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hevruta.api"
    label = "api"
    verbose_name = "API"
