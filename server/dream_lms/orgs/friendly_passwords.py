"""Passwords a young child can type on a tablet and a teacher can read aloud: two words and two digits."""

import secrets

# Short, concrete, easy to spell words; none is offensive or confusable with another.
_WORDS = (
    "acorn", "apple", "arrow", "badge", "bagel", "basil", "beach", "berry", "bison", "blaze", "bloom", "board",
    "brave", "bread", "brick", "brook", "brush", "cabin", "camel", "candy", "canoe", "cedar", "chalk", "charm",
    "cherry", "chess", "cider", "cloud", "clover", "cocoa", "comet", "coral", "cotton", "crane", "crown", "daisy",
    "delta", "dingo", "dolphin", "dragon", "dream", "eagle", "earth", "ember", "fable", "falcon", "feather", "fern",
    "flame", "flute", "forest", "fox", "frost", "garden", "gecko", "ginger", "globe", "grape", "gravy", "hazel",
    "heron", "honey", "igloo", "island", "ivory", "jelly", "jungle", "kayak", "kettle", "kiwi", "koala", "lemon",
    "lilac", "lion", "llama", "lotus", "magic", "mango", "maple", "marble", "meadow", "melon", "mint", "moon",
    "moose", "nectar", "noodle", "oasis", "ocean", "olive", "orbit", "otter", "owl", "panda", "paper", "peach",
    "pearl", "pebble", "pepper", "piano", "pilot", "planet", "plum", "pony", "poppy", "puffin", "pumpkin", "quail",
    "quartz", "rabbit", "radish", "rain", "raven", "river", "robin", "rocket", "rose", "ruby", "saddle", "salmon",
    "sand", "scarf", "seal", "shell", "silver", "sky", "snow", "sparrow", "spice", "star", "storm", "sugar",
    "summer", "sun", "swan", "tiger", "toast", "tulip", "turtle", "umbrella", "valley", "velvet", "violet",
    "wagon", "walrus", "water", "whale", "willow", "window", "winter", "wizard", "yak", "zebra",
)


def friendly_password() -> str:
    """For example "tiger-maple-42": about 21 bits; sign-in rate limits make guessing impractical."""
    first, second = secrets.choice(_WORDS), secrets.choice(_WORDS)
    return f"{first}-{second}-{secrets.randbelow(90) + 10}"


def strong_password() -> str:
    """A random password for an adult's new account, shown once to whoever created it."""
    return secrets.token_urlsafe(12)
