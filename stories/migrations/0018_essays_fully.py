from django.db import migrations

# Issue 13, "The essays, fully": three practices the essays describe that the taxonomy of 0003
# left out, a citation put right, and the wording of every practice's printable card. Written in
# our own words (shared/source-essays/README.md); only the questions themselves are quoted.

# The airline story is a reader's comment under Vandergriff's article, not the article itself:
# cited as a source of its own so a reader can tell the two apart.
AIRLINE_COMMENT = {
    "key": "how-did-i-do-airline-comment",
    "title": "A reader's comment on “Flipping Service; How Did I Do as Your Customer?”",
    "author": "a retired service center manager",
    "site": "Road Warriors",
}

NEW_PRACTICES = [
    {
        "slug": "ask-how-long",
        "name": "Ask how long they have been doing this",
        "description": "Asking how long someone has worked in their role is a small invitation to "
        "talk about themselves rather than your order. Michael Vandergriff makes a habit of it, "
        "and keeps meeting people with twenty or thirty years in the job whom no customer had "
        "asked anything about their work.",
        "try_it": "While you wait for the receipt or the paperwork, ask how long they have been "
        "doing this job, then ask one more thing about the answer.",
        "sources": ["how-did-i-do"],
    },
    {
        "slug": "serve-your-own-team",
        "name": "Treat your own team as customers too",
        "description": "The courtesy we manage with a stranger at a counter is easy to forget with "
        "the colleagues who help us every day. The Leadership and Main essay carries reverse "
        "customer service into work: the people on your own team serve you too, and they are "
        "owed the same question, the same grace and the same thanks.",
        "try_it": "Pick one colleague who makes your work easier and give them the customer "
        "treatment this week: ask how they are, and thank them for one specific thing.",
        "sources": ["leadership-and-main"],
    },
    {
        "slug": "not-about-you",
        "name": "Say up front that the frustration isn't about them",
        "description": "When you call about something that is already going wrong, your voice "
        "can carry it. The worker behind Customer Service Secret still thinks about a caller who "
        "apologised in advance in case they sounded upset and made clear it wasn't aimed at "
        "her: she stayed late and went out of her way to help.",
        "try_it": "At the start of a hard call, before the details, say that if you sound "
        "frustrated it is the situation and not them.",
        "sources": ["customer-service-secret"],
    },
]

BE_PATIENT = {
    "description": "Long lines and slow replies are rarely the fault of the person in front of "
    "you. A reader's comment under Michael Vandergriff's article tells of half an hour in a line "
    "of stranded passengers, a traveller who pushed to the front and was rude to the agent, and "
    "what a calm, friendly turn at the counter meant to her after that.",
    "sources": ["how-did-i-do-airline-comment"],
}
BE_PATIENT_BEFORE = {
    "description": "Long lines and slow replies are rarely the fault of the person in front of "
    "you. Waiting your turn calmly, instead of pushing ahead or sighing loudly, "
    "is a small gift to the staff and to everyone else in the line.",
    "sources": ["leadership-and-main", "how-did-i-do"],
}

# slug: (the practice in a sentence, what to ask or say, top of the answer scale or None)
CARDS = {
    "see-the-person": (
        "The person serving you has a whole day you can't see: meet them first, the job second.",
        "How has your day been so far?",
        None,
    ),
    "smile-first": (
        "Offer the warmth you hope for before you know what mood they are in.",
        "Hi! How's it going today?",
        None,
    ),
    "ask-how-are-you": (
        "Ask how they are before your business, and wait for the real answer.",
        "How are you?",
        None,
    ),
    "call-them-by-name": (
        "Read the name tag and use the name once, kindly.",
        "Thanks so much, [name].",
        None,
    ),
    "ask-politely": (
        "Make your request a courteous question, even on the third try.",
        "Could you help me with this, please?",
        None,
    ),
    "be-patient": (
        "A long line is rarely the fault of the person at the counter: arrive at it calm.",
        "Busy day? Take your time.",
        None,
    ),
    "give-grace": (
        "Give the break you would want on your own worst day.",
        "These things happen. Here's what I need.",
        None,
    ),
    "stay-kind-with-bad-news": (
        "When they can only say no, say you know it isn't their fault.",
        "I know you didn't cause this. Is anything still possible?",
        None,
    ),
    "ask-what-could-i-do-differently": (
        "When something goes wrong, ask what you could change on your side.",
        "What could I have done differently?",
        None,
    ),
    "make-their-day-better": (
        "Offer help as well as asking for it.",
        "What can I do to make your day better?",
        None,
    ),
    "say-thank-you": (
        "Thank them out loud for one specific thing.",
        "Thanks for double-checking that.",
        None,
    ),
    "tip-from-who-you-are": (
        "Tip as the person you want to be, not as a grade for the service.",
        "Thank you, and I hope the rest of your shift is easier.",
        None,
    ),
    "ask-how-did-i-do": (
        "Flip the survey: ask the person who served you to rate you.",
        "How did I do as your customer today, on a scale of one to five?",
        5,
    ),
    "build-a-partnership": (
        "Service goes best when both sides work on it together.",
        "What would make this easiest on your end?",
        None,
    ),
    "ask-how-long": (
        "Ask how long they have been doing the job, and listen to the answer.",
        "How long have you been doing this?",
        None,
    ),
    "serve-your-own-team": (
        "The colleagues who help you every day are your customers too.",
        "How are you, really? What would make your week easier?",
        None,
    ),
    "not-about-you": (
        "On a hard call, say first that any frustration in your voice isn't about them.",
        "If I sound frustrated, it's the situation, not you.",
        None,
    ),
}


def forwards(apps, schema_editor):
    SourceEssay = apps.get_model("stories", "SourceEssay")
    Practice = apps.get_model("stories", "Practice")
    SourceEssay.objects.update_or_create(
        key=AIRLINE_COMMENT["key"],
        defaults={k: v for k, v in AIRLINE_COMMENT.items() if k != "key"},
    )
    essays = {essay.key: essay for essay in SourceEssay.objects.all()}
    last = max(Practice.objects.values_list("position", flat=True), default=0)
    for position, data in enumerate(NEW_PRACTICES, start=last + 1):
        practice, _ = Practice.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "try_it": data["try_it"],
                "position": position,
            },
        )
        practice.sources.set([essays[key] for key in data["sources"]])
    _set_be_patient(Practice, essays, BE_PATIENT)
    for slug, (sentence, question, scale_top) in CARDS.items():
        Practice.objects.filter(slug=slug).update(
            card_sentence=sentence, card_question=question, card_scale_top=scale_top
        )


def backwards(apps, schema_editor):
    SourceEssay = apps.get_model("stories", "SourceEssay")
    Practice = apps.get_model("stories", "Practice")
    essays = {essay.key: essay for essay in SourceEssay.objects.all()}
    _set_be_patient(Practice, essays, BE_PATIENT_BEFORE)
    Practice.objects.filter(slug__in=[p["slug"] for p in NEW_PRACTICES]).delete()
    SourceEssay.objects.filter(key=AIRLINE_COMMENT["key"]).delete()


def _set_be_patient(Practice, essays, data):
    practice = Practice.objects.filter(slug="be-patient").first()
    if practice is None:  # removed in the admin: nothing to put right
        return
    practice.description = data["description"]
    practice.save(update_fields=["description"])
    practice.sources.set([essays[key] for key in data["sources"] if key in essays])


class Migration(migrations.Migration):
    dependencies = [("stories", "0017_practice_card")]

    operations = [migrations.RunPython(forwards, backwards)]
