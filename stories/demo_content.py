"""Fictional demo stories for seeding a development or demo site.

Every story here is original writing for Flip the Counter: realistic, but invented.
None is copied from the source essays. Workers appear by first name at most.

Field notes for the seeding code:
- `author` is one of the demo usernames "demo-member", "demo-member-2", "demo-member-3".
- `practices` are slugs loaded by stories/migrations/0003_practice_taxonomy.py.
- `photo` is None or a colour-scene word ("warm", "cool", "green", "sunset") that the
  seeding code turns into a placeholder image; `photo_alt` describes that scene.
- `status` is "published" or "submitted" (the latter fill the moderation queue).
- `body` is plain text with paragraphs separated by a blank line; a few use a small
  Markdown subset (*emphasis* and "- " bullet lists).
"""


def _body(text):
    """Turn an indented, hard-wrapped block into the stored body text.

    Blank lines separate paragraphs. Inside a paragraph, wrapped lines are joined with
    spaces, except a block made only of "- " lines, which stays one item per line.
    """
    paragraphs = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if all(line.startswith("- ") for line in lines):
            paragraphs.append("\n".join(lines))
        else:
            paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraphs)


DEMO_STORIES = (
    # ------------------------------------------------------------------ published
    {
        "title": "She'd been on her feet since six",
        "body": _body("""
            I was in a sour mood by the time I got to the register. The line had crawled
            and the cashier, Marisol, hadn't looked up once.

            Instead of sighing, I asked how she was doing. She paused, like she was
            checking whether I meant it, then said she'd been on since six and the
            cashier on the next lane had gone home sick. She'd been covering two lanes
            most of the morning.

            So I bagged my own groceries while she scanned, and we talked about nothing
            much. By the time she handed me the receipt she was laughing about the
            coupon printer that jams every single day.

            I walked in thinking she was bad at her job. I walked out knowing she was
            doing someone else's half of it too.
        """),
        "perspective": "customer",
        "setting": "grocery",
        "practices": ("ask-how-are-you", "see-the-person"),
        "tags": ("long-shift", "checkout"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "I asked the flight attendant to grade me",
        "body": _body("""
            I'd heard about people asking service workers to rate them, and on a long
            flight home I finally tried it. As the attendant, Priya, collected the last
            cups, I asked her to score me as a passenger: one for dreadful, five for
            perfect.

            She stared at me, then laughed so loudly the row behind us looked up.
            "Four," she said. "You kept your bag out of the aisle and you said please.
            You lose a point for the tray table on the descent."

            I told her I accepted the deduction. Twenty minutes later she came back with
            an extra cookie and said that in nine years of flying, nobody had ever asked
            her that.

            I've asked a dozen people since. The scores are usually generous. The looks
            on their faces are the best part.
        """),
        "perspective": "customer",
        "setting": "airline",
        "practices": ("ask-how-did-i-do",),
        "tags": ("long-haul", "rating"),
        "anonymous": False,
        "photo": "cool",
        "photo_alt": "An airplane wing above a layer of pale blue clouds",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "She knew I didn't write the rules",
        "body": _body("""
            I answer the billing line for a utility company. Most calls about late fees
            start loud and stay loud, and I understand why. I can't waive fees. I can
            only explain them.

            Last week a woman called about a disconnection notice. She'd been in the
            hospital and missed two payments, and I had to tell her the fee stood. She
            was quiet for a second, then said, "Okay. I know you don't make the rules.
            Could you walk me through my options?"

            That one sentence changed the whole call. Because I wasn't bracing for the
            next round of shouting, I had room to think, and I remembered a hardship
            program most people never hear about. We filled out the application together
            while she was still on the line.

            She thanked me three times. I'm the one who should have thanked her.
        """),
        "perspective": "worker",
        "setting": "support",
        "practices": ("stay-kind-with-bad-news", "ask-politely"),
        "tags": ("phone-call", "billing"),
        "anonymous": True,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "The wedding programs that weren't printed",
        "body": _body("""
            Two days before my sister's wedding I went to collect the printed programs,
            and the copy shop had nothing for me. The owner, an older man named Sami,
            searched the shelves twice and went pale.

            I could feel an angry speech building. Instead, I asked him what I should
            have done on my side when I sent the file, so that next time it wouldn't
            slip through.

            He looked surprised, then showed me his inbox. My email had landed in the
            general mailbox, which he only checks on Fridays. Rush jobs are meant to go
            through the upload form, which asks for a due date. I'd never noticed it.

            He printed and folded all hundred and twenty programs that evening while I
            waited with a coffee from next door. Now his email auto-reply says, in bold,
            *Need it by a date? Use the form.* He told me it was my idea. It was really
            his, but I'll take it.
        """),
        "perspective": "customer",
        "setting": "other",
        "practices": ("ask-what-could-i-do-differently", "give-grace"),
        "tags": ("late-order", "wedding"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "He learned my name in a week",
        "body": _body("""
            I make coffee at a small cafe across from a hospital. Most of our morning
            customers are tired nurses and worried visitors, and I don't blame anyone
            for barely looking up.

            One man started coming in every day at seven. On the third day he said,
            "Morning, Jules," reading it off my apron. By the end of the week he didn't
            need the apron. He'd ask how my classes were going, because I'd mentioned
            once that I was studying.

            His wife was a patient upstairs. I found that out later, when he told me she
            was going home. He came in one last time to say goodbye and left a card with
            my name spelled right, which almost never happens.

            It's a small thing, a name. In a place where everyone is rushing, it made me
            feel like a person.
        """),
        "perspective": "worker",
        "setting": "restaurant",
        "practices": ("call-them-by-name", "see-the-person"),
        "tags": ("regulars", "cafe"),
        "anonymous": False,
        "photo": "warm",
        "photo_alt": "A paper coffee cup on a wooden counter in soft morning light",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "The woman who stepped aside at gate 12",
        "body": _body("""
            Our evening flight was cancelled and the rebooking line curled past three
            gates. The agent at the desk, Tom, was working alone and getting it from
            nearly everyone.

            About halfway up the line, a woman in a hiking jacket turned to the family
            behind her, two sleeping kids and a car seat, and waved them ahead. When she
            finally reached the desk, I heard her say, "No rush at all. What would make
            this easier for you? I can take any flight tomorrow."

            Tom actually stopped typing. He said the easiest thing anyone could do was
            exactly that: be flexible. She took an early seat nobody else wanted and
            left with a wave.

            After that, I noticed the next few people spoke a little more softly. So did
            I, when it was my turn.
        """),
        "perspective": "witness",
        "setting": "airline",
        "practices": ("be-patient", "make-their-day-better"),
        "tags": ("cancelled-flight", "long-line"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "Saturday at the pharmacy counter",
        "body": _body("""
            My son's antibiotic prescription wasn't in the system when I arrived, and
            the pharmacy had one pharmacist on for the whole Saturday. The line behind
            me was getting restless.

            The pharmacist, Ana, called the clinic's after-hours number, got put on
            hold, and kept apologizing to me between other customers. I told her I'd sit
            down and wait, and that she should help everyone else while the clinic got
            back to her.

            It took forty minutes. When she finally called me up, she looked worn out. I
            thanked her for chasing it down on a weekend, and for not simply telling me
            to come back Monday.

            She said most people would have been yelling by then. Honestly, I was
            tempted. But watching her handle a full line alone, it was obvious she was
            the one person in that building trying to fix my problem.
        """),
        "perspective": "customer",
        "setting": "healthcare",
        "practices": ("be-patient", "say-thank-you"),
        "tags": ("pharmacy", "weekend"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "Smiling at the license office",
        "body": _body("""
            Nobody goes to renew a driver's license in a good mood, me included. I'd
            taken a morning off work and waited an hour and a half.

            When my ticket was called, I tried something. I walked up, smiled at the
            clerk before saying a word, and asked how her morning was going. She
            blinked. Then she said, "You're the first person today to ask me that," and
            it was nearly eleven.

            She told me the photo camera had been broken since opening, which explained
            the wait. She also noticed my proof-of-address letter was too old, and
            instead of sending me home she showed me how to pull up a current statement
            on my phone so she could accept it.

            I can't prove the smile did that. I don't think it hurt.
        """),
        "perspective": "customer",
        "setting": "public_office",
        "practices": ("smile-first", "ask-how-are-you"),
        "tags": ("waiting-room", "renewal"),
        "anonymous": True,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "A note for the room attendant",
        "body": _body("""
            On a four-night work trip, my room got skipped on the second day: no fresh
            towels, the bin still full. I was annoyed for about five minutes. Then I
            called the front desk, towels arrived, and that was that.

            On the last morning I left the usual tip on the pillow anyway, with a note:
            *Thank you for looking after my room this week. I hope the rest of your
            shift is an easy one.*

            I don't tip housekeeping to grade them. I tip because cleaning up after
            strangers is hard and mostly invisible work, and that's just as true on the
            day a room gets missed. Maybe she was short-staffed. Maybe she was covering
            a whole floor alone.

            At checkout the clerk told me the attendant, Rosa, had asked them to pass on
            a thank-you for the note.
        """),
        "perspective": "customer",
        "setting": "hotel",
        "practices": ("tip-from-who-you-are", "say-thank-you"),
        "tags": ("housekeeping", "business-trip"),
        "anonymous": False,
        "photo": "sunset",
        "photo_alt": "A folded note on a neatly made hotel bed, lit by an orange evening window",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "The caller who apologized for being slow",
        "body": _body("""
            I work on a help line for accounting software. Mondays are the worst:
            everyone's deadline is today and every problem is urgent.

            My third call last Monday was a retired teacher doing the books for her
            community choir. She'd been stuck on the same screen for an hour. Before we
            started she said, "I'm going to be slow, and I'm sorry in advance. Please
            tell me if I'm doing something silly."

            She wasn't slow, just careful. She said please with every question and read
            each step back to me. Twenty minutes later her report printed and she
            actually cheered.

            Then she asked how long I'd been doing this and whether people were nice to
            me. I told her the truth: mostly not on Mondays. She promised to call on a
            Tuesday next time. That call carried me through the rest of the day.
        """),
        "perspective": "worker",
        "setting": "support",
        "practices": ("ask-politely", "see-the-person"),
        "tags": ("phone-call", "tech-support"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "The appetizer that never came",
        "body": _body("""
            It was a Friday night and the restaurant was clearly short-handed. Our
            server, Kev, had about ten tables. Our appetizer never showed up, and the
            mains took almost an hour.

            My friend wanted to say something sharp. I suggested we didn't. When Kev
            finally came by, apologizing, we told him not to worry, we'd skip the starter
            and it was nice to sit and talk anyway.

            You could see his shoulders drop. He took the appetizer off the bill without
            being asked and told us two people had quit that week.

            We left the same tip we'd have left on a perfect night. The service wasn't
            great, but that wasn't really the question. The question was what kind of
            guests we wanted to be, and an overworked twenty-year-old didn't need one
            more table making his night harder.
        """),
        "perspective": "customer",
        "setting": "restaurant",
        "practices": ("give-grace", "tip-from-who-you-are"),
        "tags": ("late-order", "busy-night"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "Asking the night nurse how she was",
        "body": _body("""
            My dad spent a week in the hospital last spring, and I spent most nights in
            the chair by his bed. The nurses came in every couple of hours, checked his
            lines, and left.

            On the third night I asked the nurse, Grace, how she was doing. Not how Dad
            was doing: how she was. She said "fine" at first, and then, after a pause,
            that it was her fourth twelve-hour shift in a row and she hadn't eaten since
            lunch.

            I had a bag of clementines my sister had brought, and I gave her two. She
            ate them standing at the sink.

            After that she lingered a little on each visit, explained the monitors to
            me, told me which doctor to ask about discharge. I think she had always
            wanted to. Nobody had made room for it.
        """),
        "perspective": "customer",
        "setting": "healthcare",
        "practices": ("ask-how-are-you", "see-the-person"),
        "tags": ("hospital", "night-shift"),
        "anonymous": True,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "Three days past the return window",
        "body": _body("""
            I work the returns desk at a department store, and January is when everyone
            brings back what they didn't want for the holidays. A lot of it is past the
            window, and I say no about forty times a day.

            One customer brought back a coat, receipt and all, three days late. I told
            him I couldn't refund it but would ask a manager about store credit. The
            manager said no.

            I braced myself. He just nodded and said, "Fair enough, rules are rules.
            Thanks for going to ask, I saw you try." Then he wished me luck with the
            rest of the line.

            It's strange how much that stayed with me. I'd done almost nothing for him.
            He thanked me anyway, for the effort rather than the result, which is the
            part of this job nobody usually sees.
        """),
        "perspective": "worker",
        "setting": "retail",
        "practices": ("stay-kind-with-bad-news", "say-thank-you"),
        "tags": ("returns", "holiday-rush"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "Three out of five from my bike mechanic",
        "body": _body("""
            I've taken my bike to the same shop for years. Last month, picking it up, I
            asked the mechanic, Ben, how I rated as a customer, one to five.

            He grinned and said three. I was ready to laugh it off, but he explained:

            - I always describe the problem as "a weird noise," which tells him nothing.
            - I bring the bike in filthy, so he has to clean it before he can find anything.
            - I never say when I actually need it back.

            All fair. Now I tie a tag to the handlebar: what the noise sounds like, when
            it happens, and the day I need the bike. I give it a quick wipe first, too.

            Last visit he read the tag and said I'd moved up to a four. The bike was
            ready a day sooner as well. Apparently being a good customer is a skill you
            can practice.
        """),
        "perspective": "customer",
        "setting": "retail",
        "practices": ("ask-how-did-i-do", "build-a-partnership"),
        "tags": ("repair", "feedback"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "A bench for the parcels",
        "body": _body("""
            Our mail carrier used to leave packages on the top step, where they got
            soaked whenever it rained. I'd grumbled about it for months before I
            realized I'd never actually spoken to her.

            So one afternoon I went out when she came by, introduced myself, and asked
            her name. It's Lou. Then I asked what would make our house easier to
            deliver to.

            She had a list. The steps are steep and the railing wobbles. The porch light
            is off on dark winter afternoons. The house number is hidden behind a plant.

            We fixed the railing, put the light on a timer, moved the number, and set a
            small bench by the door. Lou leaves parcels on the bench now, dry, and we
            wave to each other most days. It turns out the problem was never her.
        """),
        "perspective": "customer",
        "setting": "other",
        "practices": ("build-a-partnership", "call-them-by-name"),
        "tags": ("deliveries", "winter"),
        "anonymous": False,
        "photo": "green",
        "photo_alt": (
            "A wooden bench beside a front door, with a small parcel on it "
            "and potted plants around it"
        ),
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "Two in the morning at the front desk",
        "body": _body("""
            I work nights at the front desk of an airport hotel. When flights get
            cancelled, everyone arrives at once, and the people who come in after
            midnight are usually the most worn out.

            One night a couple walked in at two. Their reservation had been made through
            a booking site that never passed it on to us, and we were full. I had my
            apology ready and was waiting for the anger.

            The woman smiled at me before I'd said a word, even though she'd clearly
            overheard. "Long night for you too, I bet," she said. "Let's see what we
            can figure out."

            I called three hotels nearby, found a room, and got our shuttle driver to
            take them over. It took twenty minutes. It could just as easily have been
            twenty minutes of shouting. I think of her every time a late arrival walks
            through the door.
        """),
        "perspective": "worker",
        "setting": "hotel",
        "practices": ("smile-first", "give-grace"),
        "tags": ("night-shift", "overbooked"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "Saying Luis out loud",
        "body": _body("""
            The self-checkout area at my grocery store has one attendant watching eight
            machines, and all eight beep for help at once. On weekday evenings the
            attendant's name tag says Luis.

            For months I only ever flagged him down with a raised hand or an "excuse
            me." Then one day I said, "Thanks, Luis," after he cleared a scale error for
            me. He did a double take, smiled, and said almost nobody reads the tag.

            Now it's just what I do. "Hi, Luis." "Thanks, Luis." Last week he waved me
            toward a machine that was actually working before I'd even joined the line.

            It costs me nothing but one second of looking up. And a job where machines
            call your name more often than people do could use a few more people saying
            it.
        """),
        "perspective": "customer",
        "setting": "grocery",
        "practices": ("call-them-by-name", "say-thank-you"),
        "tags": ("self-checkout", "first-name"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "What could I have done differently at the permit counter?",
        "body": _body("""
            My application for a fence permit came back for the second time. I went to
            the counter in person, fairly sure I'd end up raising my voice.

            I waited my turn, and when I reached the clerk I asked a different question
            from the one I'd rehearsed: what could I have done differently so it would
            have gone through the first time?

            She pulled out a checklist I'd never seen and went through it with me:

            - a sketch showing distances from the property line, not just a photo
            - the neighbor's signature if the fence sits on a shared line
            - the fee paid before submitting, not after

            None of it was on the website, and she said she'd pass that along. My third
            application was approved in four days, with a sticky note on top that said
            *nice to see you again*.
        """),
        "perspective": "customer",
        "setting": "public_office",
        "practices": ("ask-what-could-i-do-differently", "be-patient"),
        "tags": ("paperwork", "permits"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "My daughter asked the bus driver how she was",
        "body": _body("""
            My seven-year-old and I take the same bus to school every morning. The
            driver has always been polite, but I'd never thought about her much beyond
            that.

            One morning my daughter climbed on, smiled up at her, and asked, "How are
            you today?" completely seriously, the way she asks her grandmother.

            The driver laughed and said she was tired, but better now. My daughter asked
            why she was tired, and the driver explained she'd started at five and this
            was her third loop.

            Now it's their ritual: a smile, a "How are you?" and a real answer,
            sometimes about the weather, sometimes about the driver's dog. Last week she
            saved us the front seat.

            I'd ridden that bus for a year. It took a seven-year-old to show me how to
            say good morning.
        """),
        "perspective": "witness",
        "setting": "other",
        "practices": ("ask-how-are-you", "smile-first"),
        "tags": ("bus", "kids"),
        "anonymous": False,
        "photo": "cool",
        "photo_alt": "An empty city bus stop with a bench under a grey-blue early morning sky",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "The food truck with the empty tip jar",
        "body": _body("""
            There's a food truck near my office that makes the best dumplings in the
            neighborhood. At lunch the line is long, and the two people inside work like
            clockwork: one cooking, one taking orders and money.

            One day the order-taker, Mei, got mine wrong. I'd asked for vegetable and
            got pork. It was the middle of the rush and she looked frazzled, so I swapped
            with a coworker who was happy to have them.

            I noticed the tip jar was almost empty, which surprised me given the line. I
            put in what I always put in. A hectic day doesn't change what that work is
            worth, or who I want to be while I'm standing there.

            The next week Mei remembered me, and the mix-up, and slipped an extra
            dumpling into my box.
        """),
        "perspective": "customer",
        "setting": "restaurant",
        "practices": ("tip-from-who-you-are", "see-the-person"),
        "tags": ("food-truck", "lunch-rush"),
        "anonymous": True,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "Nobody had ever asked me that",
        "body": _body("""
            I've answered phones for an internet provider for fourteen years. At the
            end of every call, the system asks the customer to rate me. Not one customer
            had ever thought to ask me to rate them.

            Until last Thursday. We'd just fixed a router problem together, and the man
            on the line said, "Okay, your turn. How did I do as your customer? One to
            five."

            I laughed for real, which doesn't happen much on these calls. I gave him a
            five: he had his account number ready, restarted the router when I asked,
            and never once blamed me for the outage.

            Then he asked whether there was anything he could do to make my day easier.
            I said, "Honestly? Tell your friends to have their account number ready."
            He promised he would. The rest of my shift felt lighter.
        """),
        "perspective": "worker",
        "setting": "support",
        "practices": ("ask-how-did-i-do", "make-their-day-better"),
        "tags": ("phone-call", "feedback"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "Rebooked by phone for the third time",
        "body": _body("""
            A storm cancelled my connecting flight, then my rebooked flight, then the one
            after that. By the third phone call I'd been on hold for almost two hours.

            When the agent, Dee, picked up, I could tell her day had been long too. She
            said the next open seat was two days out, which meant missing the first day
            of a conference where I was speaking.

            I took a breath and said, "That's not what I hoped to hear, but I know you
            didn't make the weather. Thank you for looking." She went quiet, then said,
            "Give me a minute."

            She found a seat on a partner airline into a nearby city, leaving that
            evening. It meant a two-hour drive at the other end, but I gave my talk. I
            doubt I'd have gotten that seat if I'd spent the call shouting.
        """),
        "perspective": "customer",
        "setting": "airline",
        "practices": ("be-patient", "stay-kind-with-bad-news"),
        "tags": ("cancelled-flight", "phone-call"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "Forty minutes behind at the clinic",
        "body": _body("""
            The clinic was running well behind, and the whole waiting room knew it.
            Every few minutes someone went up to the front desk to ask how much longer.

            The receptionist, a young man named Chris, had no good answer. One of the
            doctors had been pulled into an emergency and the schedule had slid.

            Then an older man with a cane went up. I expected another complaint. Instead
            I heard him say, "You're obviously juggling a lot. I'm retired, I've got
            nowhere to be. If someone's in a hurry, put them ahead of me."

            Chris thanked him, and two people took him up on it. The room changed after
            that. People stopped going up to the desk. The woman next to me put her
            phone away and started reading to her kid.

            One calm person, and the rest of us followed.
        """),
        "perspective": "witness",
        "setting": "healthcare",
        "practices": ("give-grace", "be-patient"),
        "tags": ("waiting-room", "running-late"),
        "anonymous": True,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "Breakfast with Ines",
        "body": _body("""
            For two weeks I stayed at a hotel for a work project, and every morning the
            same woman ran the breakfast room: refilling coffee, wiping tables, keeping
            the waffle machine alive.

            On my second day I read her name tag, Ines, and said good morning with it.
            On the third day I asked how she was. She told me she came in at five to set
            up, and that her daughter was starting university in the fall.

            By the end of the first week we had a routine. I'd ask about the daughter;
            she'd tell me which pastries had just come out of the oven. On my last
            morning she'd packed a little bag of fruit for my flight.

            I've stayed in plenty of hotels and can't remember most of them. I'll
            remember that breakfast room for a long time.
        """),
        "perspective": "customer",
        "setting": "hotel",
        "practices": ("call-them-by-name", "ask-how-are-you"),
        "tags": ("breakfast", "long-stay"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "Thank-you cards at the library desk",
        "body": _body("""
            I volunteer at our public library on Saturday mornings. A few weeks ago, a
            boy of about ten came to the desk with a stack of handmade cards.

            Each one had a name on the front: the librarian who runs story time, the
            man who fixes the computers, the woman at checkout. He'd had his mom help
            him read their name tags over the past month so he'd spell them right.

            Inside, each card thanked them for something specific. *Thank you for
            finding the dinosaur book.* *Thank you for helping my mom with the printer.*

            The checkout librarian, Pat, propped hers up by the returns slot, and it's
            still there. She told me that in twenty years it was the first card she'd
            ever had from a patron who wasn't saying goodbye.
        """),
        "perspective": "witness",
        "setting": "other",
        "practices": ("say-thank-you", "call-them-by-name"),
        "tags": ("library", "kids"),
        "anonymous": False,
        "photo": "green",
        "photo_alt": "Rows of library shelves with a potted plant on a reading table",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "Number 88 at the deli counter",
        "body": _body("""
            The day before a holiday is the longest day of the year at a grocery deli.
            We run a ticket system all day, and by afternoon people have waited half an
            hour for half a pound of ham.

            Around four, a woman reached the counter holding number 88. We'd been on 61
            when she pulled it. I was ready for a remark about the wait. Instead she
            smiled and said, "You all must be exhausted. Take your time, I'm not going
            anywhere."

            When I handed over her order, she thanked me by name, read off my tag, and
            wished me a quiet evening.

            It's hard to explain how much that helps at hour nine. I served the next
            twenty customers with a little more patience of my own. Kindness gets
            passed down the line, even at a deli.
        """),
        "perspective": "worker",
        "setting": "grocery",
        "practices": ("be-patient", "smile-first", "say-thank-you"),
        "tags": ("holiday-rush", "deli"),
        "anonymous": False,
        "photo": "warm",
        "photo_alt": "A deli counter with paper-wrapped packages under warm lights",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "The table that stacked their own plates",
        "body": _body("""
            Last Saturday two of our servers called in sick, and I had eleven tables on
            my own. I was apologizing to every table before I'd even said hello.

            At a four-top by the kitchen, a woman stopped me mid-apology. "We're not in
            a hurry. Is there anything we can do to make tonight easier for you?"

            I laughed and said not really, but they found ways anyway. They ordered
            everything at once so I only had to enter one ticket. They stacked their
            plates at the end of the table. They pointed out when another table was
            trying to catch my eye.

            It sounds small. It saved me maybe ten minutes on a night when ten minutes
            was everything. On the receipt they wrote: *You did great. Hope the rest of
            the night is easier.* I kept it in my apron all week.
        """),
        "perspective": "worker",
        "setting": "restaurant",
        "practices": ("make-their-day-better", "build-a-partnership"),
        "tags": ("busy-night", "short-staffed"),
        "anonymous": True,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "When the drinks cart ran dry",
        "body": _body("""
            I'm a flight attendant. We had a full flight that sat on the tarmac for
            ninety minutes before takeoff, and by the time we started the drink service,
            half the cart was gone and everyone was cranky.

            In row 23, a man looked up and asked how I was holding up before he asked
            for anything. I said fine, the way we always do. He said, "No, really. That
            was a long wait for you too."

            When I told him we'd run out of the juice he wanted, he just shrugged.
            "Water's perfect. Whatever's easiest."

            Those two sentences don't sound like much. But for the rest of the flight I
            kept glancing at row 23 like it was a small island. When we landed I thanked
            him for flying with us, and for once I meant every word.
        """),
        "perspective": "worker",
        "setting": "airline",
        "practices": ("ask-how-are-you", "give-grace"),
        "tags": ("delayed-flight", "cabin-crew"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "Window three and the tax penalty",
        "body": _body("""
            I work at a county tax office. Most people who come to my window are already
            upset, because nobody visits the tax office when things are going well.

            A young man came in about a property tax bill. He'd missed a deadline he
            didn't know existed, and the penalty was real money. I walked him through it
            and had to tell him there was no waiver for his situation.

            He closed his eyes for a second. Then he said, "Okay. That's rough, but
            thank you for explaining it so clearly. I actually get it now." He asked if
            I could show him how to set up reminders so it wouldn't happen again, and I
            did.

            I deliver bad news all day and don't often get thanked for it. On my break I
            told a coworker about him, just because it felt good to say out loud.
        """),
        "perspective": "worker",
        "setting": "public_office",
        "practices": ("stay-kind-with-bad-news", "say-thank-you"),
        "tags": ("paperwork", "bad-news"),
        "anonymous": True,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "The patient who asked what she could do differently",
        "body": _body("""
            I handle referrals and insurance approvals at a specialist's office. When an
            approval is late, the appointment gets pushed, and I'm usually the one who
            hears about it.

            One patient's approval took three weeks because her family doctor's referral
            was missing a code. When I called to reschedule, I expected frustration.
            Instead she asked, "What could I have done differently on my end? I'd like
            to get it right next time."

            I told her: ask the referring office to fax the referral straight to us,
            then call us two days later to check it arrived. Almost nobody does that,
            and it saves a week.

            She did exactly that for her next referral, and it came through in four
            days. She brought the front desk muffins on her next visit, but the
            thank-you I remember is her question.
        """),
        "perspective": "worker",
        "setting": "healthcare",
        "practices": ("ask-what-could-i-do-differently", "build-a-partnership"),
        "tags": ("insurance", "paperwork"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "Five out of five from chat support",
        "body": _body("""
            I had to ask an online store's chat support about a refund that hadn't shown
            up. The agent, Sam, sorted it out in about six minutes.

            At the end, after I'd typed my thanks, I added: "Quick question. How did I
            do as your customer today, one to five?"

            There was a long pause with the little typing dots. Then: "5!! You gave me
            the order number in your first message and you didn't use all caps. Nobody
            has ever asked me that. You made my day."

            I told Sam I'd frame it. It's a silly little exchange, but it reminded me
            there's a person reading every angry message those chat windows get. I try
            to write to support now the way I'd want someone to write to me.
        """),
        "perspective": "customer",
        "setting": "support",
        "practices": ("ask-how-did-i-do", "say-thank-you"),
        "tags": ("live-chat", "refund"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    {
        "title": "Putting the clothes back on the hangers",
        "body": _body("""
            I worked retail in college, and what I remember most is the fitting room on
            Saturdays: piles of clothes inside out on the floor, loose hangers
            everywhere, and a line of people waiting.

            So now, when I shop, I do two small things. I put everything I try on back
            on its hanger, right side out, and hand it to the attendant instead of
            leaving it in the stall. And when I need another size, I ask, "When you
            have a second, could you check for a medium?" instead of calling out over
            the curtain.

            Last weekend the attendant, Noor, looked at my tidy stack and asked, "Did
            you used to work retail?" I admitted it. She laughed and said she can always
            tell.

            It isn't heroic. It's just remembering that someone has to pick up every
            single piece.
        """),
        "perspective": "customer",
        "setting": "retail",
        "practices": ("see-the-person", "ask-politely"),
        "tags": ("fitting-room", "weekend"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-2",
    },
    {
        "title": "The new cashier's first week",
        "body": _body("""
            I was in line at a toy store behind a man buying a birthday present. The
            cashier was clearly new: a trainee sticker on her tag, a supervisor
            hovering, and a register that refused his gift card.

            She tried three times, apologized, called the supervisor, tried again. The
            line grew, and I could hear people behind me sighing.

            The man just smiled at her. "First week?" She nodded, close to tears.
            "You're doing fine. I've got all day. I once closed out a register with the
            drawer still open."

            She laughed, the supervisor found the fix, and the card went through. He
            wished her luck on his way out.

            By my turn she was steadier, and she thanked me for waiting. I think she
            really meant him. I just happened to be next.
        """),
        "perspective": "witness",
        "setting": "retail",
        "practices": ("give-grace", "smile-first"),
        "tags": ("first-job", "checkout"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member-3",
    },
    {
        "title": "The birthday cake that wasn't there",
        "body": _body("""
            I'd ordered a birthday cake from the grocery store bakery a week ahead. When
            I came to pick it up on the morning of the party, there was no record of it
            at all.

            The baker, Jo, checked twice and then told me they couldn't decorate a cake
            in time. I felt my face go hot. Then I thought about how many times she'd
            probably had this exact conversation.

            I said, "That's disappointing, but I know it's not on you. What could I have
            done differently when I ordered?" She explained that phone orders go on a
            paper sheet that sometimes goes missing, and suggested ordering in person
            and keeping a copy of the slip.

            Then she took a plain cake from the case, wrote my daughter's name on it in
            purple icing while I waited, and charged me for the plain one. My daughter
            loved it.
        """),
        "perspective": "customer",
        "setting": "grocery",
        "practices": ("stay-kind-with-bad-news", "ask-what-could-i-do-differently"),
        "tags": ("late-order", "bakery"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "published",
        "author": "demo-member",
    },
    # ------------------------------------------------------------------ submitted
    {
        "title": "My mother always uses the server's name",
        "body": _body("""
            We took my parents out for their anniversary at a busy Italian place. Our
            server introduced himself as Marco, and my mother, who never forgets a name,
            used it every time he came by.

            "Marco, what do you recommend?" "Thank you, Marco." "Marco, this is
            wonderful."

            By dessert he was chatting with her about his grandmother's version of the
            same dish. He brought out a candle in their tiramisu without anyone asking
            and told them it had been a pleasure.

            On the drive home, my mother said that when she waited tables in her
            twenties, hardly anyone used her name, and she always noticed the ones who
            did. I'd never heard that story. It explained a habit of hers I'd watched my
            whole life.
        """),
        "perspective": "customer",
        "setting": "restaurant",
        "practices": ("call-them-by-name",),
        "tags": ("family-dinner", "anniversary"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "submitted",
        "author": "demo-member-2",
    },
    {
        "title": "The contractor who treats us like one crew",
        "body": _body("""
            I work the paint desk at a hardware store. One of our regulars is a
            contractor who comes in three or four times a week, and he's the easiest
            part of my job.

            He always opens with "How's your day going?" and waits for the answer. Then
            he hands me a card with the exact color code, finish and quantity written
            out, so I never have to guess. For big orders he calls the day before so I
            can have everything mixed and waiting.

            Once, when our tinting machine broke, he didn't complain. He asked if it
            would help if he came back after lunch, which gave me time to get it fixed.

            Most people think customer service runs one way. He acts like we're on the
            same crew.
        """),
        "perspective": "worker",
        "setting": "retail",
        "practices": ("build-a-partnership", "ask-how-are-you"),
        "tags": ("regulars", "hardware"),
        "anonymous": True,
        "photo": None,
        "photo_alt": "",
        "status": "submitted",
        "author": "demo-member-3",
    },
    {
        "title": "Checking out with a toddler",
        "body": _body("""
            Traveling with a two-year-old means you are always the most chaotic guests
            in the lobby. By checkout, our room looked like a small storm had passed
            through.

            We did what we could: stripped the beds, piled up the towels, picked up
            every cracker we could find. At the desk I asked the clerk, Amir, whether a
            late checkout for nap time might be possible, and said it was completely
            fine if not.

            He gave us an extra hour. On the way out I thanked him and mentioned we'd
            tried to leave the room in decent shape for housekeeping.

            "You have no idea how much they'll appreciate that," he said. I've thought
            since about how many hotel rooms I've left in a mess without a second
            thought. Not anymore.
        """),
        "perspective": "customer",
        "setting": "hotel",
        "practices": ("ask-politely", "say-thank-you"),
        "tags": ("family-travel", "toddler"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "submitted",
        "author": "demo-member",
    },
    {
        "title": "Limes, a binder, and a patient stranger",
        "body": _body("""
            The cashier at my grocery store on Sunday was a teenager who couldn't have
            been on the job more than a few days. She was scanning slowly, looking up
            produce codes in a binder, and calling for help with every coupon.

            The woman ahead of me had a full cart. I watched her watch the cashier
            wrestle with a bag of limes, and I expected impatience.

            Instead she said, "The code's on the sticker, love. Took me ages to learn
            those too." Then she started bagging, and chatted the whole time about her
            own first job at a movie theater.

            By the end, the cashier was moving faster and smiling. When the woman left,
            the girl turned to me and said, "She was nice." I agreed, and tried to be
            the same.
        """),
        "perspective": "witness",
        "setting": "grocery",
        "practices": ("give-grace", "be-patient"),
        "tags": ("first-job", "checkout"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "submitted",
        "author": "demo-member-2",
    },
    {
        "title": "My report card from the phlebotomist",
        "body": _body("""
            I'm a terrible patient when it comes to needles. I get clammy, I look away, I
            apologize too much. The phlebotomist at my lab, Kim, has done my blood draws
            for two years.

            This time I walked in and smiled at her before I sat down, which is not my
            usual face in that chair. When she was done, I asked, "Okay, be honest. How
            did I do as a patient today? One to five."

            She laughed and said I'd finally earned a four. "You didn't pull your arm
            back this time. That's the big one."

            I'd never thought about what I'm like from her side of the chair. It made me
            want to do better, and it made the needle a little less scary, because now
            it's a game we're both playing.
        """),
        "perspective": "customer",
        "setting": "healthcare",
        "practices": ("smile-first", "ask-how-did-i-do"),
        "tags": ("blood-test", "nervous-patient"),
        "anonymous": True,
        "photo": None,
        "photo_alt": "",
        "status": "submitted",
        "author": "demo-member-3",
    },
    {
        "title": "The caller who apologized before I could",
        "body": _body("""
            I work on a bank's fraud line. Every caller is having a bad day, and often I
            can't give them their money back right away. There's an investigation, and
            it takes time.

            Yesterday a man called about charges he didn't recognize. Before I'd
            finished explaining the process, he said, "Sorry, I'm a bit shaken, so if I
            sound short with you, it's not about you."

            I told him the card would be cancelled and a claim opened, but the money
            could take up to ten business days to come back. He said, "That's hard, but
            I understand. You're being very clear."

            I made his claim notes as detailed as I possibly could, so whoever picked
            it up next would have everything they needed. That's the part I control, and
            he made me want to do it well.
        """),
        "perspective": "worker",
        "setting": "support",
        "practices": ("stay-kind-with-bad-news",),
        "tags": ("phone-call", "bad-news"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "submitted",
        "author": "demo-member",
    },
    {
        "title": "Tipping the car wash crew in the rain",
        "body": _body("""
            I know, getting a car washed right before it rains is silly. But I'd booked
            it, and the crew at the hand-wash place were already drying the car next to
            mine when the first drops fell.

            They finished mine anyway, and took real care with the inside, even though
            we all knew the outside would be streaked within the hour.

            I tipped the same as always and thanked the two guys who'd done the drying.
            One of them laughed and said most people skip the tip on rainy days, since
            the shine doesn't last.

            But they worked just as hard, and their hands were just as cold. The weather
            isn't their fault, and my tip isn't a review of the sky. On the drive home
            the rain came down and I didn't mind at all.
        """),
        "perspective": "customer",
        "setting": "other",
        "practices": ("tip-from-who-you-are", "say-thank-you"),
        "tags": ("car-wash", "rainy-day"),
        "anonymous": False,
        "photo": "sunset",
        "photo_alt": "A freshly washed car under an orange evening sky, with rain clouds gathering",
        "status": "submitted",
        "author": "demo-member-2",
    },
    {
        "title": "Barcodes face up at jury duty check-in",
        "body": _body("""
            Two hundred of us reported for jury duty on the same Monday, and there were
            two clerks at the check-in table. People were grumbling about parking, the
            line, the whole idea of jury duty.

            When I reached the front, I asked one of the clerks how her morning was
            going. She said, "Ask me at five." I laughed and asked if there was anything
            that would make the line go faster for her.

            She said yes: have the summons barcode ready and face up. So I turned around
            and told the people behind me, who told the people behind them. It spread
            down the hallway in a couple of minutes.

            When I came back from lunch, the same clerk gave me a thumbs-up from across
            the room. I never got picked for a jury, but I felt useful anyway.
        """),
        "perspective": "customer",
        "setting": "public_office",
        "practices": ("ask-how-are-you", "make-their-day-better"),
        "tags": ("jury-duty", "waiting-room"),
        "anonymous": False,
        "photo": None,
        "photo_alt": "",
        "status": "submitted",
        "author": "demo-member-3",
    },
)
