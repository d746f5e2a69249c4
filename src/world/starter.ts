/** The commented starter pack `skald worlds new <id>` writes: short, complete, and valid. */

/** Turns `lantern-keep` into `Lantern Keep`. */
function titleFromId(id: string): string {
  return id
    .split('-')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** The starter `world.yaml` for a new pack with this id. */
export function starterPack(id: string): string {
  const title = titleFromId(id) || id;
  return `# ${title}: a skald world pack (format version 1). Full reference: docs/world-packs.md
# Check it with:  skald worlds validate .      Play it with:  skald play .
skald: 1                      # format version, required
id: ${id}                     # required: lowercase letters, digits, hyphens
title: ${title}
version: 0.1.0
authors: [you]
language: en                  # the language replies are written in (BCP 47)
rating: teen                  # general | teen | mature: the content boundary
tags: [starter]
summary: >-
  One paragraph for the world picker: who the player is, where, and what is at stake.

# Required. The world as the narrator knows it: place, time, texture, what everyone takes for granted.
setting: >-
  A lighthouse on a cold northern coast, in a time of oil lamps and sailing ships. The keeper is
  old, the supply boat is late, and the light has started to burn a colour nobody can name.

# Immutable rules, always in the prompt. \`forbid\` lists words that must not appear in replies.
laws:
  - id: no-electricity
    text: There is no electricity; light comes from oil lamps and fire.
    forbid: [electric, phone, flashlight]

# Entries that enter the prompt when one of their keys appears in recent turns.
lore:
  - id: the-light
    keys: [light, lamp, lantern]      # case-insensitive words; "/regex/flags" allowed too
    text: The great lamp burns whale oil; since the new moon its flame has a faint green edge.
  - id: the-coast
    keys: [coast, shore]
    secondary: [storm, wreck]         # optional: one of these must also match
    text: Ships that wreck on this coast are never found; the sea keeps them.
  - id: keeper-rule
    constant: true                    # always in the prompt; needs no keys
    text: The keeper's first rule is that the light never goes out.

# At least one. Relations: keys are character ids or \`player\`.
characters:
  - id: ansel
    name: Ansel Crane
    aliases: [Ansel, the keeper]
    persona: The old lighthouse keeper, proud, failing eyesight, afraid of what the light shows.
    voice: Slow, plain words, sea sayings, long silences.
    quirks: [polishes the lamp glass when nervous]
    goals: [keep the light burning until the boat comes]
    secrets: [he has seen a ship in the green light that sank forty years ago]
    relations: {player: apprentice}
    examples:
      - '"Light''s a promise, lad. You don''t break a promise because you''re tired."'

# The player's default persona (they may override it when starting a game).
player:
  name: Rook
  persona: The keeper's new apprentice, two weeks on the rock.
  relations: {ansel: master and teacher}

# At least one. \`text\` is the first message the player sees; \`scene\` is for the narrator.
openings:
  - id: green-light
    title: The Green Light
    scene: The lamp room at midnight, wind against the glass.
    text: >-
      The flame turns green as you climb the last step. Ansel does not look round. "You see it
      too," he says. "Good. Then I'm not mad."

# Plot threads the planner may bring in when the story stalls; beats escalate in order.
threads:
  - id: the-late-boat
    title: The late boat
    hook: The supply boat is a week overdue.
    beats:
      - A gull brings a torn scrap of sail-cloth.
      - The lamp oil runs low.
      - A boat is sighted, but it is not the supply boat.

style:
  pov: second                 # first | second | third
  tense: present              # present | past
  length: [60, 220]           # reply length in tokens: [min, max]
  notes:
    - Keep descriptions concrete and short; end each reply on something the player can answer.
`;
}
