"""Employee-only views: the staff directory, its profiles, and editing one's own profile.

Every response here is personal data for staff: ``never_cache`` marks it
``private, no-store`` so no shared cache or browser back button keeps it.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.decorators import employees_only
from core.pagination import paginate

from .directory import directory_people, search_directory
from .forms import ProfileForm
from .models import Department, Person
from .posts import mark_internal, paginated_posts
from .review import is_awaiting_review, profile_draft, submit_profile_change

DIRECTORY_PER_PAGE = 48
POSTS_PER_PAGE = 10


class DirectorySearchForm(forms.Form):
    """Search the directory by name, role, department, expertise or location."""

    q = forms.CharField(label=_("Name, role or expertise"), required=False, max_length=200)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All departments"),
    )


@employees_only
def directory(request):
    """``/intern/menschen/``: everyone, searchable; internal contact details included."""
    form = DirectorySearchForm(request.GET or None)
    people = directory_people().order_by("name")
    query, department = "", None
    if form.is_valid():
        query = " ".join(form.cleaned_data["q"].split())
        department = form.cleaned_data["department"]
        if department:
            people = people.filter(department=department)
        people = search_directory(people, query)
    page_obj = paginate(request, people, DIRECTORY_PER_PAGE)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "people/directory.html",
        {
            "form": form,
            "page_obj": page_obj,
            "people": page_obj.object_list,
            "query": query,
            "selected_department": department,
            "filtered": bool(query or department),
            "query_string": params.urlencode(),
        },
    )


@employees_only
def directory_profile(request, slug):
    """One colleague: internal fields, a small org chart and the posts this reader may see."""
    person = get_object_or_404(
        directory_people().select_related("reports_to__photo", "reports_to__department"),
        slug=slug,
    )
    colleagues = directory_people().order_by("name")
    peers = (
        colleagues.filter(reports_to_id=person.reports_to_id).exclude(pk=person.pk)
        if person.reports_to_id
        else colleagues.none()
    )
    posts = paginated_posts(request, person, request.user, POSTS_PER_PAGE)
    mark_internal(posts.object_list)
    return render(
        request,
        "people/directory_profile.html",
        {
            "person": person,
            "manager": person.reports_to if person.reports_to and person.reports_to.live else None,
            "peers": list(peers),
            "reports": list(colleagues.filter(reports_to=person)),
            "posts_page": posts,
            "is_me": person.user_id == request.user.pk,
        },
    )


@employees_only
def edit_profile(request):
    """``/intern/profil/``: the signed-in employee's own profile, never anyone else's.

    There is no id in the URL: the profile is always ``request.user``'s. The
    change becomes a revision for an editor to review (see ``people.review``).
    """
    person = get_object_or_404(Person.objects.select_related("photo"), user=request.user)
    draft = profile_draft(person)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, person=draft)
        if form.is_valid():
            form.apply_to(draft, request.user)
            submit_profile_change(draft, request.user)
            messages.success(
                request,
                gettext(
                    "Thank you! Your changes were sent to the editorial team and will "
                    "appear once they are approved."
                ),
            )
            return redirect("people:edit_profile")
    else:
        form = ProfileForm(person=draft)
    return render(
        request,
        "people/edit_profile.html",
        {
            "person": person,
            "draft": draft,
            "form": form,
            "awaiting_review": is_awaiting_review(person),
        },
    )
