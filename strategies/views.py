from django.http import HttpResponse


# Placeholders until the strategies pages land.
def strategy_list(request):
    return HttpResponse("")


def plan_list(request):
    return HttpResponse("")


def agency_list(request):
    return HttpResponse("")
