"""CASE 1.1 (v1p1) and 1.0 (v1p0) read endpoints, mounted at /ims/case/."""

from django.urls import re_path

from . import views

app_name = "case"
VERSION = r"^(?P<version>v1p[01])"
ID = r"(?P<identifier>[^/]+)$"
urlpatterns = [
    re_path(VERSION + r"/CFDocuments$", views.cf_documents, name="documents"),
    re_path(VERSION + r"/CFDocuments/" + ID, views.cf_document, name="document"),
    re_path(VERSION + r"/CFPackages/" + ID, views.cf_package, name="package"),
    re_path(VERSION + r"/CFItems/" + ID, views.cf_item, name="item"),
    re_path(VERSION + r"/CFItemAssociations/" + ID, views.cf_item_associations, name="item_associations"),
    re_path(VERSION + r"/CFAssociations/" + ID, views.cf_association, name="association"),
    re_path(VERSION + r"/CFRubrics/" + ID, views.cf_rubric, name="rubric"),
    re_path(VERSION + r"/CFRubricCriteria/" + ID, views.cf_rubric_criterion, name="rubric_criterion"),
    re_path(
        VERSION + r"/CFRubricCriterionLevels/" + ID, views.cf_rubric_criterion_level, name="rubric_criterion_level"
    ),
    re_path(
        VERSION + r"/(?P<kind>CFConcepts|CFSubjects|CFLicenses|CFItemTypes|CFAssociationGroupings)/" + ID,
        views.cf_definition,
        name="definition",
    ),
]
