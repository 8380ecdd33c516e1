from django.db import migrations

# The practice taxonomy drawn from the five source essays (see shared/source-essays). Every database
# gets these rows; moderators edit them in the admin afterwards, and later changes take new migrations.
ESSAYS = [
    {
        "key": "love-your-people",
        "title": "Flipping It: Reverse Customer Service",
        "author": "",
        "site": "Love Your People",
    },
    {
        "key": "leadership-and-main",
        "title": "Reverse Customer Service",
        "author": "",
        "site": "Leadership and Main",
    },
    {
        "key": "how-did-i-do",
        "title": "Flipping Service; How Did I Do as Your Customer?",
        "author": "Michael Vandergriff",
        "site": "Road Warriors",
    },
    {
        "key": "uplifting-service",
        "title": "Service in Reverse: Building Partnerships as Customers",
        "author": "Ron Kaufman",
        "site": "Uplifting Service",
    },
    {
        "key": "customer-service-secret",
        "title": "Customer Service Secret",
        "author": "",
        "site": "A service worker's blog",
    },
]

PRACTICES = [
    {
        "slug": "see-the-person",
        "name": "See the person behind the role",
        "description": "The cashier, the agent on the phone and the nurse at the desk each have a "
        "whole day you can't see: a tough boss, an aching back, the customer who "
        "just left. Treating them as a person first, and the job second, changes how "
        "you speak before you've said a word.",
        "try_it": "Before your next call or checkout, take one breath and picture the person on the "
        "other side finishing their shift and heading home. Then begin.",
        "sources": ["love-your-people", "customer-service-secret", "leadership-and-main"],
    },
    {
        "slug": "smile-first",
        "name": "Smile first",
        "description": "Don't wait to find out what mood the other person is in. Offer the warmth "
        "you would like to receive, right at the start, before anything has gone "
        "well or badly.",
        "try_it": "At your next counter, look up from your phone, make eye contact and smile before "
        "you say what you need.",
        "sources": ["love-your-people"],
    },
    {
        "slug": "ask-how-are-you",
        "name": 'Ask "How are you?"',
        "description": 'Asking "How are you?" and then waiting for the real answer lets someone be '
        "more than their job for a moment. The Leadership and Main essay suggests it "
        "especially when service seems flat, because there is usually a reason: a "
        "long shift, a missing coworker, a harsh customer just before you.",
        "try_it": "Ask it before you state your business, and listen to the answer instead of "
        "talking over it.",
        "sources": ["leadership-and-main"],
    },
    {
        "slug": "call-them-by-name",
        "name": "Call them by name",
        "description": "Name tags are everywhere, yet almost nobody reads them aloud. Using "
        "someone's first name, kindly and without fuss, tells them you see a person "
        "rather than a uniform, and it often takes them by surprise.",
        "try_it": "Glance at the name tag when you reach the register and use the name once, in "
        "your thank-you.",
        "sources": ["leadership-and-main"],
    },
    {
        "slug": "ask-politely",
        "name": "Make requests politely",
        "description": "How you ask shapes what comes back. A request made with courtesy, "
        "especially when you are frustrated or the problem is complicated, makes it "
        "easier for the person helping you to go out of their way.",
        "try_it": 'Turn your next demand into a question: start with "Could you..." and end with '
        '"thank you," even if you have asked twice already.',
        "sources": ["love-your-people", "customer-service-secret"],
    },
    {
        "slug": "be-patient",
        "name": "Be patient in the wait",
        "description": "Long lines and slow replies are rarely the fault of the person in front of "
        "you. Waiting your turn calmly, instead of pushing ahead or sighing loudly, "
        "is a small gift to the staff and to everyone else in the line.",
        "try_it": "Next time the line is long, put your phone away, wave one person ahead of you, "
        "and greet the worker as though you hadn't waited at all.",
        "sources": ["leadership-and-main", "how-did-i-do"],
    },
    {
        "slug": "give-grace",
        "name": "Give grace when things go wrong",
        "description": "Late orders, missed details and off days happen to everyone. Giving the "
        "break you would want on your own worst day keeps one mistake from turning "
        "into a fight, and it keeps you the kind of person you want to be.",
        "try_it": 'When something is late or wrong, say what you need, then add "these things '
        'happen" before anything else.',
        "sources": ["leadership-and-main", "love-your-people", "uplifting-service"],
    },
    {
        "slug": "stay-kind-with-bad-news",
        "name": "Stay kind when the news is bad",
        "description": "Sometimes the person helping you can only say no. Staying polite, and "
        "saying plainly that you know it isn't their fault, lets them stop bracing "
        "for anger and start looking for anything that might still help.",
        "try_it": 'If a call brings bad news, say "I know you didn\'t cause this," then ask what, '
        "if anything, is still possible.",
        "sources": ["customer-service-secret"],
    },
    {
        "slug": "ask-what-could-i-do-differently",
        "name": 'Ask "What could I have done differently?"',
        "description": "When something goes wrong, ask what you could change on your side next "
        "time. The question turns a complaint into a shared fix; in the Uplifting "
        "Service essay it even led a small business to improve how it works.",
        "try_it": "When an order is late or a form comes back, ask what you could do differently "
        "next time, and write the answer down.",
        "sources": ["uplifting-service"],
    },
    {
        "slug": "make-their-day-better",
        "name": 'Ask "What can I do to make your day better?"',
        "description": "Instead of only asking for help, offer some. A reader's comment on Michael "
        "Vandergriff's article describes asking this of an airline agent who had "
        "just been shaken by a rude customer, and getting a startled smile back.",
        "try_it": "When someone has clearly had a rough few minutes, ask whether there is anything "
        "you could do to make their job easier right now, and mean it.",
        "sources": ["how-did-i-do"],
    },
    {
        "slug": "say-thank-you",
        "name": "Say thank you",
        "description": "A plain thank-you is easy to skip when everyone is busy. Said out loud and "
        "on purpose, it can turn a routine transaction into the part of someone's "
        "shift they remember.",
        "try_it": 'Thank the person for one specific thing they did, such as "thanks for '
        'double-checking that."',
        "sources": ["leadership-and-main"],
    },
    {
        "slug": "tip-from-who-you-are",
        "name": "Tip out of who you are",
        "description": "Let your generosity show the person you want to be, not a grade for the "
        "service you got. The Leadership and Main essay passes this idea on from "
        "someone else: a slow or clumsy day doesn't change what kind of customer you "
        "choose to be.",
        "try_it": "Next time service is slow, leave the tip you would leave on a good day, and add "
        "a short note wishing them an easier shift.",
        "sources": ["leadership-and-main"],
    },
    {
        "slug": "ask-how-did-i-do",
        "name": 'Ask "How did I do as your customer?"',
        "description": "Flip the usual survey and ask the person who served you to rate you. "
        "Michael Vandergriff asks for a score from one to five; the usual reaction "
        "is surprise, then laughter, and people with decades of service behind them "
        "told him no one had asked before.",
        "try_it": "At the end of a friendly exchange, ask with a smile how you did as a customer "
        "today, one to five, and take the feedback seriously.",
        "sources": ["how-did-i-do"],
    },
    {
        "slug": "build-a-partnership",
        "name": "Treat service as a partnership",
        "description": "Service goes best when both sides see themselves working on the same thing "
        "rather than facing off. Customers can hold up their end: give clear "
        "information, plan ahead, and help the people serving them succeed.",
        "try_it": "Before your next appointment or order, ask what would make it easiest on their "
        "end, and bring exactly that.",
        "sources": ["uplifting-service", "how-did-i-do", "love-your-people"],
    },
]


def load_taxonomy(apps, schema_editor):
    SourceEssay = apps.get_model("stories", "SourceEssay")
    Practice = apps.get_model("stories", "Practice")
    essays = {}
    for essay in ESSAYS:
        essays[essay["key"]], _ = SourceEssay.objects.update_or_create(
            key=essay["key"], defaults={k: v for k, v in essay.items() if k != "key"}
        )
    for position, data in enumerate(PRACTICES, start=1):
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


def unload_taxonomy(apps, schema_editor):
    apps.get_model("stories", "Practice").objects.filter(
        slug__in=[p["slug"] for p in PRACTICES]
    ).delete()
    apps.get_model("stories", "SourceEssay").objects.filter(
        key__in=[e["key"] for e in ESSAYS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("stories", "0002_search_index")]

    operations = [migrations.RunPython(load_taxonomy, unload_taxonomy)]
