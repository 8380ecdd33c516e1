"""The five public essays that Flip the Counter's practices are drawn from.

Facts about each essay (title as published, author, where it appeared) live here so
every practice can name its sources. The essays' own sentences are never shown on the
site; see /work/shared/source-essays/README.md for the rules.

`author` is the person's name only when the essay itself names one; otherwise it is ""
and the `site` carries the credit.
"""

ESSAYS = (
    {
        "key": "love-your-people",
        "title": "Flipping It: Reverse Customer Service",
        "author": "",
        "site": "Love Your People",
        "file": "flipping-it-reverse-customer-service.txt",
    },
    {
        "key": "leadership-and-main",
        "title": "Reverse Customer Service",
        "author": "",
        "site": "Leadership and Main",
        "file": "leadership-and-main-reverse-customer-service.txt",
    },
    {
        "key": "how-did-i-do",
        "title": "Flipping Service; How Did I Do as Your Customer?",
        "author": "Michael Vandergriff",
        "site": "Road Warriors",
        "file": "flipping-service-how-did-i-do-as-your-customer.txt",
    },
    {
        "key": "uplifting-service",
        "title": "Service in Reverse: Building Partnerships as Customers",
        "author": "Ron Kaufman",
        "site": "Uplifting Service",
        "file": "service-in-reverse-building-partnerships.txt",
    },
    {
        "key": "customer-service-secret",
        "title": "Customer Service Secret",
        "author": "",
        "site": "A service worker's blog",
        "file": "customer-service-secret.txt",
    },
)
