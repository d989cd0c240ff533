from django.urls import path
from django.views.generic import RedirectView

from .views import accreditation, cohorts, evidence, programs

app_name = "programs"
urlpatterns = [
    path("", programs.program_list, name="list"),
    path("new/<str:network_slug>/", programs.program_create, name="create"),
    path("mine/", accreditation.my_programs, name="mine"),
    path("reviews/", evidence.review_queue, name="reviews"),
    # Supervision moved to the mentoring app (docs/architecture.md); its old addresses lead there, and a
    # meeting keeps its number.
    path("supervision/", RedirectView.as_view(pattern_name="mentoring:supervision"), name="supervision"),
    path(
        "supervision/new/",
        RedirectView.as_view(pattern_name="mentoring:supervision_create", query_string=True),
        name="supervision_create",
    ),
    path(
        "supervision/<int:pk>/",
        RedirectView.as_view(pattern_name="mentoring:supervision_meeting"),
        name="supervision_meeting",
    ),
    path(
        "supervision/<int:pk>/edit/",
        RedirectView.as_view(pattern_name="mentoring:supervision_meeting_edit"),
        name="supervision_edit",
    ),
    path("cohorts/<int:pk>/", cohorts.cohort_detail, name="cohort"),
    path("cohorts/<int:pk>/edit/", cohorts.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/sessions/new/", cohorts.session_create, name="session_create"),
    path("cohorts/<int:pk>/participants/new/", cohorts.enroll, name="enroll"),
    path(
        "cohorts/<int:pk>/participants/<int:enrollment_pk>/status/",
        cohorts.enrollment_status,
        name="enrollment_status",
    ),
    path("cohorts/<int:pk>/apply/", cohorts.apply, name="apply"),
    path("applications/<int:pk>/answer/", cohorts.answer_application, name="answer_application"),
    path("applications/<int:pk>/withdraw/", cohorts.withdraw_application, name="withdraw_application"),
    path("cohorts/<int:pk>/assignments/new/", cohorts.assignment_create, name="assignment_create"),
    path("sessions/<int:pk>/", cohorts.session_detail, name="session"),
    path("sessions/<int:pk>/attendance/", cohorts.attendance_save, name="attendance"),
    path("sessions/<int:pk>/check-in/", cohorts.check_in, name="check_in"),
    path("sessions/<int:pk>/new-code/", cohorts.renew_code, name="renew_code"),
    path("enrollments/<int:pk>/decision/", accreditation.decision, name="decision"),
    path("enrollments/<int:pk>/credentials/", accreditation.issue_credential, name="issue_credential"),
    path("enrollments/<int:enrollment_pk>/evidence/new/", evidence.evidence_create, name="evidence_create"),
    path("evidence/<int:pk>/", evidence.evidence_detail, name="evidence"),
    path("evidence/<int:pk>/edit/", evidence.evidence_edit, name="evidence_edit"),
    path("evidence/<int:pk>/review/", evidence.evidence_review, name="evidence_review"),
    path("evidence/<int:pk>/files/<int:number>/", evidence.evidence_file, name="evidence_file"),
    path("<str:slug>/", programs.program_detail, name="program"),
    path("<str:slug>/edit/", programs.program_edit, name="program_edit"),
    path("<str:slug>/alumni/", programs.alumni, name="alumni"),
    path("<str:slug>/goals/new/", programs.goal_add, name="goal_add"),
    path("<str:slug>/goals/<int:pk>/remove/", programs.goal_remove, name="goal_remove"),
    path("<str:slug>/objectives/new/", programs.objective_add, name="objective_add"),
    path("<str:slug>/objectives/<int:pk>/remove/", programs.objective_remove, name="objective_remove"),
    path("<str:slug>/staff/new/", programs.staff_add, name="staff_add"),
    path("<str:slug>/staff/<int:pk>/remove/", programs.staff_remove, name="staff_remove"),
    path("<str:slug>/requirements/new/", programs.requirement_add, name="requirement_add"),
    path("<str:slug>/requirements/<int:pk>/remove/", programs.requirement_remove, name="requirement_remove"),
    path("<str:slug>/cohorts/new/", programs.cohort_create, name="cohort_create"),
]
