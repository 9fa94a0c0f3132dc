from django.shortcuts import render

from policies.selectors import policy_list


def home(request):
    return render(request, "portal/home.html", {"latest_policies": policy_list()[:8]})
