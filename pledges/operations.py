"""The migration operation that creates the pledge counts' triggers, so `sqlmigrate` shows them."""

from pledges import tallies
from stories.database import _VendorSQL


class CreatePledgeTriggers(_VendorSQL):
    """Create or replace the triggers of pledges.tallies and count the pledges afresh."""

    def forwards(self, vendor: str) -> list[str]:
        return tallies.create_sql(vendor) + list(tallies.REBUILD_SQL)

    def backwards(self, vendor: str) -> list[str]:
        return tallies.drop_sql(vendor)

    def deconstruct(self):
        return (self.__class__.__name__, [], {})

    def describe(self) -> str:
        return "Create the triggers keeping the practice pages' pledge counts"
