"""The village's number and the people of the demo village the tests text as, by phone."""
VILLAGE_PHONE = "+31852080300"
COORDINATOR = "+31612300400"
TRUUS = "+31612345601"
SUSAN = "+31612345605"
INEKE = "+31612345651"  # Truus's daughter, her contact person in the demo village
BAKER = "+31612345621"
BUTCHER = "+31612345622"
KEES, FATIMA = "+31612345611", "+31612345612"  # volunteers who ride the rounds
BERTUS, GRIETJE = "+31612345602", "+31612345603"
