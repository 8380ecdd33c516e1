"""The fixed vocabularies of a story: point of view, setting, statuses of stories and edits."""

from django.db import models


class Perspective(models.TextChoices):
    CUSTOMER = "customer", "I was the customer"
    WORKER = "worker", "I was the one serving"
    WITNESS = "witness", "I saw it happen"


class Setting(models.TextChoices):
    GROCERY = "grocery", "Grocery"
    RESTAURANT = "restaurant", "Restaurant or café"
    AIRLINE = "airline", "Airline or airport"
    SUPPORT = "support", "Call centre or online support"
    RETAIL = "retail", "Retail"
    HOTEL = "hotel", "Hotel"
    HEALTHCARE = "healthcare", "Healthcare"
    PUBLIC_OFFICE = "public_office", "Public office"
    OTHER = "other", "Other"


class StoryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for review"
    PUBLISHED = "published", "Published"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Not accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    HIDDEN = "hidden", "Hidden while flags are reviewed"


class RevisionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Not accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A story readers can see, or one hidden only while moderators look at its flags.
LIVE_STATUSES = (StoryStatus.PUBLISHED, StoryStatus.HIDDEN)

# What an author may still do with their own story, by status; My stories offers only these.
# A hidden story waits for moderators, and a rejected one is final: neither can be edited.
EDITABLE_STATUSES = (
    StoryStatus.DRAFT,
    StoryStatus.SUBMITTED,
    StoryStatus.CHANGES_REQUESTED,
    StoryStatus.WITHDRAWN,
    StoryStatus.PUBLISHED,
)
WITHDRAWABLE_STATUSES = (StoryStatus.SUBMITTED, StoryStatus.PUBLISHED, StoryStatus.HIDDEN)

# The one permission that makes a member a moderator (granted through the Moderators group).
MODERATE = "stories.moderate_story"
