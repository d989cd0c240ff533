from django.urls import path

from . import views

app_name = "credentials"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("verify/", views.verify, name="verify"),
    path("<uuid:credential_id>/", views.credential, name="credential"),
    path("<uuid:credential_id>.json", views.credential_json, name="credential_json"),
    path("<uuid:credential_id>/qr.svg", views.qr_code, name="qr"),
    path("<uuid:credential_id>/wallet-qr.svg", views.wallet_qr_code, name="wallet_qr"),
    path("<uuid:credential_id>/badge.png", views.baked_badge, name="baked_badge"),
    path("badges/<uuid:key>.svg", views.badge, name="badge"),
    path("<uuid:credential_id>/revoke/", views.revoke, name="revoke"),
    path("status/<int:pk>.json", views.status_list, name="status_list"),
    # did:web:<host>:credentials:issuers:<id> resolves here (keys.did_for).
    path("issuers/<int:organization_id>/did.json", views.issuer_did, name="issuer_did"),
    path("issuers/<int:organization_id>/profile.json", views.issuer_profile, name="issuer_profile"),
]
