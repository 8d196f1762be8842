from django.urls import path

from families.views import calendar, families, products, requests  # fam-products: products

app_name = "families"

urlpatterns = [
    path("", families.index, name="index"),
    path("apply/", families.apply, name="apply"),
    path("feed/<str:token>.ics", calendar.feed, name="feed"),
    path("<int:family>/", families.home, name="home"),
    path("<int:family>/calendar/", calendar.calendar_month, name="calendar"),
    path("<int:family>/lines/<slug:slug>/", calendar.line_detail, name="line"),
    path("<int:family>/shifts/<int:shift>/book/", calendar.book, name="book"),
    path("<int:family>/shifts/<int:shift>/waitlist/", calendar.waitlist_join_view,
         name="waitlist_join"),
    path("<int:family>/bookings/<int:pk>/cancel/", calendar.cancel, name="cancel"),
    path("<int:family>/waitlist/<int:pk>/accept/", calendar.waitlist_accept_view,
         name="waitlist_accept"),
    path("<int:family>/waitlist/<int:pk>/leave/", calendar.waitlist_leave_view,
         name="waitlist_leave"),
    path("<int:family>/my-shifts/", calendar.my_shifts, name="my_shifts"),
    path("<int:family>/my-shifts/feed/reset/", calendar.feed_reset, name="feed_reset"),
    path("<int:family>/history/", calendar.history, name="history"),
    path("<int:family>/requests/", requests.request_list, name="requests"),
    path("<int:family>/requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("<int:family>/requests/<int:pk>/rate/", requests.request_rate, name="request_rate"),
    path("<int:family>/requests/<int:pk>/cancel/", requests.request_cancel,
         name="request_cancel"),
    path("<int:family>/attachments/<int:pk>/", requests.attachment, name="attachment"),
    # --- fam-products ---
    path("<int:family>/products/", products.product_list, name="products"),
    path("<int:family>/products/<int:pk>/", products.product_detail, name="product_detail"),
    path("<int:family>/compliance/<int:pk>/", products.compliance_file, name="compliance_file"),
    path("<int:family>/labels/<int:pk>/", products.label_file, name="label_file"),
    path("<int:family>/proofs/", products.proof_list, name="proofs"),
    path("<int:family>/proofs/<int:pk>/decide/", products.proof_decide_view,
         name="proof_decide"),
    path("<int:family>/proofs/<int:pk>/file/", products.proof_file, name="proof_file"),
    path("<int:family>/artwork/<int:pk>/", products.artwork_file, name="artwork_file"),
]

# --- fam-retail ---
from families.views import retail  # noqa: E402

urlpatterns += [
    path("<int:family>/lots/", retail.my_lots, name="retail_lots"),
    path("<int:family>/listings/", retail.my_listings, name="retail_listings"),
]

# --- fam-sales ---
from families.views import sales as sales_views  # noqa: E402

urlpatterns += [
    path("<int:family>/sales/", sales_views.sales, name="sales"),
    path("<int:family>/statements/<int:pk>/", sales_views.statement_detail,
         name="statement"),
    path("<int:family>/statements/<int:pk>/pdf/", sales_views.statement_pdf,
         name="statement_pdf"),
]
