from django.contrib import admin

from .models import Notification, ReminderBatch


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "email_state", "read_at"]
    list_filter = ["kind", "email_state"]
    raw_id_fields = ["recipient", "actor", "batch"]


@admin.register(ReminderBatch)
class ReminderBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "key", "actor", "units_count", "notifications_count"]
    raw_id_fields = ["actor"]
