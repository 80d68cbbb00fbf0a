"""One rule makes message text plain for both readers: the shopping list and the words that work anywhere."""
from orders.plain_text import fold, plain

MESSAGE = "Crème fraîche, één Straße – “Jan”  👍 € 2,95"


def test_both_readers_see_the_same_letters_without_accents():
    assert fold(MESSAGE).startswith('creme fraiche, een strasse - "jan"')
    assert plain(MESSAGE).startswith('creme fraiche, een strasse - "jan"')


def test_the_words_keep_a_thumbs_up_and_a_price_while_the_list_ends_an_item_at_an_emoji():
    assert fold(MESSAGE).endswith('"jan" 👍 € 2,95')
    assert "\n" in plain(MESSAGE) and "👍" not in plain(MESSAGE)
