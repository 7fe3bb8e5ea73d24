"""An invented wire story and its syndicated copy, shared by the dedup and clustering tests."""

WIRE_STORY = """Ferry crews in Port Alder walked off the job at dawn on Monday, stranding thousands of
commuters on both sides of the estuary as the dispute over night-shift pay entered its third month.

The crews' union said the walkout would last forty-eight hours unless the harbour board returned to
the table with a written offer. Board chair Miriam Oduya called the action premature and said talks
had been scheduled for Thursday.

Queues at the north pier stretched past the fish market by seven o'clock, and the council opened two
extra bus lanes across the Kestrel Bridge to absorb the overflow. Shopkeepers on the waterfront said
trade was down by half before noon.

The last strike, in 2019, ended after nine days with a pay rise of four percent. Union organisers
said members had voted overwhelmingly for further stoppages in the spring if no agreement is reached,
and that a ballot on an overtime ban would be held next week."""

# The same wire story as another site runs it: the last paragraph cut, a credit line added.
SYNDICATED_COPY = (
    WIRE_STORY.rsplit("\n\n", 1)[0]
    + "\n\nThis story was first published by the Estuary Courier and is republished with permission."
)
