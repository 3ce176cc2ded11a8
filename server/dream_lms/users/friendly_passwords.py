"""Passwords a young child can type on a tablet and a teacher can read aloud: two words and two digits."""

import asyncio
import secrets

from argon2 import PasswordHasher

# Short, concrete, easy to spell words; none is offensive or confusable with another.
_WORDS = (
    "acorn",
    "apple",
    "arrow",
    "badge",
    "bagel",
    "basil",
    "beach",
    "berry",
    "bison",
    "blaze",
    "bloom",
    "board",
    "brave",
    "bread",
    "brick",
    "brook",
    "brush",
    "cabin",
    "camel",
    "candy",
    "canoe",
    "cedar",
    "chalk",
    "charm",
    "cherry",
    "chess",
    "cider",
    "cloud",
    "clover",
    "cocoa",
    "comet",
    "coral",
    "cotton",
    "crane",
    "crown",
    "daisy",
    "delta",
    "dingo",
    "dolphin",
    "dragon",
    "dream",
    "eagle",
    "earth",
    "ember",
    "fable",
    "falcon",
    "feather",
    "fern",
    "flame",
    "flute",
    "forest",
    "fox",
    "frost",
    "garden",
    "gecko",
    "ginger",
    "globe",
    "grape",
    "gravy",
    "hazel",
    "heron",
    "honey",
    "igloo",
    "island",
    "ivory",
    "jelly",
    "jungle",
    "kayak",
    "kettle",
    "kiwi",
    "koala",
    "lemon",
    "lilac",
    "lion",
    "llama",
    "lotus",
    "magic",
    "mango",
    "maple",
    "marble",
    "meadow",
    "melon",
    "mint",
    "moon",
    "moose",
    "nectar",
    "noodle",
    "oasis",
    "ocean",
    "olive",
    "orbit",
    "otter",
    "owl",
    "panda",
    "paper",
    "peach",
    "pearl",
    "pebble",
    "pepper",
    "piano",
    "pilot",
    "planet",
    "plum",
    "pony",
    "poppy",
    "puffin",
    "pumpkin",
    "quail",
    "quartz",
    "rabbit",
    "radish",
    "rain",
    "raven",
    "river",
    "robin",
    "rocket",
    "rose",
    "ruby",
    "saddle",
    "salmon",
    "sand",
    "scarf",
    "seal",
    "shell",
    "silver",
    "sky",
    "snow",
    "sparrow",
    "spice",
    "star",
    "storm",
    "sugar",
    "summer",
    "sun",
    "swan",
    "tiger",
    "toast",
    "tulip",
    "turtle",
    "umbrella",
    "valley",
    "velvet",
    "violet",
    "wagon",
    "walrus",
    "water",
    "whale",
    "willow",
    "window",
    "winter",
    "wizard",
    "yak",
    "zebra",
)


def friendly_password() -> str:
    """For example "tiger-maple-42": about 21 bits; sign-in rate limits make guessing impractical."""
    first, second = secrets.choice(_WORDS), secrets.choice(_WORDS)
    return f"{first}-{second}-{secrets.randbelow(90) + 10}"


def strong_password() -> str:
    """A random password for an adult's new account, shown once to whoever created it."""
    return secrets.token_urlsafe(12)


# An account created by an import without a password of its own: not an argon2 hash, so no password ever
# verifies against it; the account signs in once a teacher (or admin) sets a password.
UNUSABLE_PASSWORD_HASH = "!no-password-yet"  # noqa: S105 (a marker, not a password)

# Friendly passwords are handed out in bulk (a whole imported class, a sheet of login cards): hashing each with
# the sign-in parameters (~120 ms) would take minutes for a school. These carry ~21 bits, so slow hashing adds
# little against an offline attacker anyway; sign-in upgrades the hash to the full parameters (needs_rehash).
_initial_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def hash_initial_password(password: str) -> str:
    return _initial_hasher.hash(password)


def _hash_all(passwords: list[str]) -> list[str]:
    return [hash_initial_password(password) for password in passwords]


async def hash_initial_passwords(passwords: list[str], workers: int = 2) -> list[str]:
    """Hashes in worker threads (argon2 releases the GIL), so a big import uses every core without blocking."""
    if not passwords:
        return []
    size = -(-len(passwords) // workers)
    chunks = [passwords[start : start + size] for start in range(0, len(passwords), size)]
    results = await asyncio.gather(*(asyncio.to_thread(_hash_all, chunk) for chunk in chunks))
    return [hashed for chunk in results for hashed in chunk]
