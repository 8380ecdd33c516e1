"""What the story lifecycle refuses, each with the sentence the author reads."""


class StoryError(Exception):
    """A lifecycle rule said no. str(error) is written for the author, ready to show."""


class NotEditable(StoryError):
    """The story is not the author's, or is hidden, rejected, or otherwise out of their hands."""


class Incomplete(StoryError):
    """A story sent for review lacks something every reviewed story must have."""


class DailyLimitReached(StoryError):
    """The author already sent STORIES_PER_DAY stories for review in the last 24 hours."""


class CannotWithdraw(StoryError):
    pass


class CannotDelete(StoryError):
    pass


class CannotThank(StoryError):
    """An author thanking their own story, or a story readers cannot see."""


class MemberSuspended(StoryError):
    """A moderator suspended the member: they may read, not share, edit or thank."""
