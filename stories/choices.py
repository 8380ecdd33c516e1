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


class Reason(models.TextChoices):
    """Why a moderator said no to a story or an edit (moderation.models.Decision.reason)."""

    NOT_SERVICE = "not_service", "Not a service encounter"
    IDENTIFIES_PERSON = "identifies_person", "Identifies a person without consent"
    UNKIND = "unkind", "Unkind or abusive"
    SPAM = "spam", "Spam or advertising"
    DUPLICATE = "duplicate", "A duplicate of another story"
    NOT_TRUE = "not_true", "Does not read as a true story"
    OTHER = "other", "Another reason (see the note)"


# A story rejected for these never comes back; for any other reason its author may edit it
# and send it again ("Edit and send again" on My stories).
FINAL_REASONS = (Reason.SPAM, Reason.UNKIND)
RESUBMITTABLE_REASONS = tuple(reason for reason in Reason if reason not in FINAL_REASONS)

# A story readers can see, or one hidden only while moderators look at its flags.
LIVE_STATUSES = (StoryStatus.PUBLISHED, StoryStatus.HIDDEN)

# What an author may still do with their own story, by status; My stories offers only these.
# A hidden story waits for moderators: it cannot be edited. A rejected one can, when the reason
# is one of RESUBMITTABLE_REASONS (Story.can_be_sent_again).
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
