/**
 * English narration templates. Present tense, close third person on the characters; the player
 * appears only as someone looked at, waited for or asked, never as the subject of a verb.
 */
import type { Templates } from './types.js';
import { be, isPlural } from '../plural.js';

const MANNERS: Array<[RegExp, string]> = [
  [/whisper|soft|quiet|gentle|hush|murmur/i, 'quietly'],
  [/dry|wry|sardonic|deadpan/i, 'dryly'],
  [/precise|exact|clipped|formal|measured/i, 'precisely'],
  [/warm|kind|tender/i, 'warmly'],
  [/loud|boom|bark|gruff|rough/i, 'roughly'],
  [/cold|cool|flat|icy/i, 'flatly'],
  [/quick|fast|rapid|breathless/i, 'quickly'],
  [/slow|drawl|lazy/i, 'slowly'],
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const en: Templates = {
  ackQuestion: ({ name, topic }) => [
    // Never "${topic}, ${name}": "your father, Wren" reads as calling Wren the father.
    `${name} goes still at the mention of ${topic}.`,
    `${name} turns the question of ${topic} over for a long moment.`,
    `"${cap(topic)}," ${name} repeats, as if the words weigh something.`,
    `The question about ${topic} lands, and ${name} looks away before looking back.`,
  ],
  ackAction: ({ name, topic }) => [
    `${name}'s eyes follow yours to ${topic}.`,
    `${name} glances at ${topic}, then back at you.`,
    `Nothing about ${topic} escapes ${name}.`,
    `${name} takes in ${topic}, slowly, the way one takes in weather.`,
  ],
  ackTold: ({ name, topic, pos }) => [
    `${name} looks up at the mention of ${topic}.`,
    `${name} hears you out, and lingers on ${topic}.`,
    pos ? `"${cap(topic)}," ${name} says under ${pos} breath.` : `"${cap(topic)}," ${name} echoes quietly.`,
    `${name} lets the words about ${topic} settle before answering.`,
  ],
  ackEcho: ({ name, topic }) => {
    const words = topic.replace(/[.,;:]+$/, '');
    // "Why?" keeps its mark and takes no comma; a statement takes a comma before the tag.
    const quoted = /[?!]$/.test(words) ? `"${words}"` : `"${words},"`;
    // A question is turned over aloud; a statement ("I missed you") is heard, not parroted.
    if (/[?]$/.test(words)) {
      return [`${quoted} ${name} repeats, half to the air.`, `${quoted} ${name} echoes, turning the words over.`, `Those words, ${quoted}, stay with ${name} a moment.`];
    }
    return [
      `Those words, "${words}", stay with ${name} a moment.`,
      `${name} hears "${words}" and holds it a while before answering.`,
      `"${words}${/!$/.test(words) ? '' : '.'}" The words sit between you, and ${name} does not look away.`,
    ];
  },
  ackDoing: ({ name, topic }) => [
    `${name} watches you ${topic} and says nothing of it yet.`,
    `${name} sees you ${topic} and keeps quiet about it.`,
    `${name} takes in the sight of you ${topic}.`,
  ],
  ackTerse: ({ name, terse, pos }) =>
    terse === 'assent'
      ? [`${name} takes that for a yes.`, `${name} nods, as if that settles something.`, `That is answer enough for ${name}.`]
      : terse === 'refusal'
        ? [`${name} hears the refusal and lets it stand.`, `${name} takes the no without arguing.`, `The no lands; ${name} does not push.`]
        : terse === 'onward'
          ? [`${name} picks up the thread again.`, `${name} nods and goes on.`, `Taking the cue, ${name} carries on.`]
          : [
            `${name} takes your silence for an answer.`,
            `${name} waits, and when nothing more comes, lets it be.`,
            pos ? `${name} lets the quiet stretch and keeps ${pos} peace.` : `${name} lets the quiet stretch.`,
            `The pause goes on, and ${name} does not fill it.`,
          ],
  ackPlain: ({ name }) => [
    `${name} watches you for a while.`,
    `${name} takes that in without a word.`,
    `For a moment ${name} only studies your face.`,
    `${name} lets the silence answer first.`,
    `${name} looks at you a while longer.`,
    `${name} gives it a moment before anything else.`,
  ],
  answerLead: ({ name }) => [
    `${name} answers without hurry.`,
    `When ${name} speaks, it is low and careful.`,
    `${name} glances about before answering.`,
    `It takes ${name} a moment to decide how much to say.`,
  ],
  noAnswer: ({ name }) => [
    `"I know less than I would like," ${name} admits.`,
    `"Ask me that again when we are alone," ${name} says.`,
    `"There is no short answer to that," ${name} says.`,
    `"Some things here are better seen than told," ${name} says.`,
    `"That is a longer story than we have time for," ${name} says.`,
    `"Not now," ${name} says.`,
  ],
  loreLead: () => ['Everyone here knows this much.', 'It is no secret.', 'Anyone here could tell you.', 'The place remembers.'],
  sensory: () => [
    'Somewhere close, wood creaks and settles.',
    'The light shifts, slow as breath.',
    'The air smells of dust and old smoke.',
    'A draught moves past, cool against the skin.',
    'The quiet is full of small sounds.',
    'Shadows lean long across the floor.',
    'Far off, something knocks twice and stops.',
    'The cold gathers in the corners.',
    'A board complains somewhere out of sight.',
    'Dust turns slowly in what light there is.',
    'Somewhere a latch lifts and falls.',
    'The wind worries at a loose shutter.',
    'A thread of smoke climbs and frays.',
    'Water drips somewhere, patient as a clock.',
    'The smell of damp stone rises, faint and old.',
    'A moth bumps against the nearest light.',
    'The warmth of the room thins toward the door.',
    'Something small skitters in the walls and stops.',
    // Heard as well out of doors as in: a scene on a wharf or a hillside has these to tell.
    'The wind turns, and for a moment everything smells of rain.',
    'Somewhere a bird calls once and falls quiet.',
    'Far off, a dog barks and thinks better of it.',
    'A few dead leaves scrape past and settle.',
  ],
  interior: ({ name }) => [
    `Something in ${name}'s face loosens.`,
    `${name}'s hands go still.`,
    `${name} breathes out, slow.`,
    `For a heartbeat ${name} looks tired, and very young.`,
    `${name}'s jaw tightens, then eases.`,
    `There is an old hurt in the way ${name} stands.`,
    `${name} looks down at nothing for a moment.`,
    `${name}'s mouth works around a word and lets it go.`,
    `Something flickers across ${name}'s face and is gone.`,
    `${name}'s shoulders drop a fraction.`,
    `${name} swallows whatever came first to mind.`,
    `For a moment ${name} seems far away.`,
    `${name} stands a little straighter.`,
  ],
  event: ({ name }) => [
    `A shout rises outside, sharp and close.`,
    `Someone knocks at the door, three hard raps.`,
    `Something falls and breaks in the next room.`,
    `A door bangs open, and cold air rushes in.`,
    `The light gutters, and for a moment everything goes dark.`,
    `Outside, a voice calls ${name}'s name, sharp with alarm.`,
    `Footsteps come fast toward the door, then stop.`,
    `Glass shatters somewhere close by.`,
    `A bell begins to ring, near and urgent.`,
    `Somebody runs past outside, shouting.`,
    `The shutters bang in a sudden gust.`,
    `Something heavy hits the wall outside.`,
  ],
  complication: ({ name, other, otherPos }) => [
    `${other} steps in before ${name} can finish.`,
    `${other} laughs at the wrong moment, and ${name} stiffens.`,
    `${other} is suddenly there, watching ${name} too closely.`,
    otherPos ? `${other} clears ${otherPos} throat, and ${name} falls silent.` : `${other} coughs once, and ${name} falls silent.`,
    `${name} glances at ${other}, and something unspoken passes between them.`,
  ],
  entrance: ({ name, other }) => [
    `${other} arrives, and ${name} falls quiet.`,
    `${other} is suddenly there at ${name}'s elbow, come up unheard.`,
    `Footsteps, and then ${other} is there. ${name} falls silent.`,
  ],
  arrival: ({ name }) => [
    `Footsteps, and then ${name} is there.`,
    `You are not alone for long: ${name} comes up, unhurried, as if expected.`,
    `${name} appears a little way off and stops at the sight of you.`,
  ],
  departure: ({ name }) => [
    `${name} holds your eyes a moment longer, then goes, and what comes next is yours.`,
    `${name} goes without another word, leaving the rest to you.`,
    `${name} nods once and goes, and the quiet after is yours to fill.`,
  ],
  quietEvent: ({ name }) => [
    'The door opens, and someone comes in out of the weather.',
    `Someone calls ${name}'s name from outside, not urgently, but twice.`,
    'A kettle begins to sing, and for a moment nobody moves to it.',
    'The light shifts as a cloud goes over.',
    'Footsteps cross the floor overhead and stop.',
    'Somewhere nearby someone laughs, and the sound carries.',
    'A knock at the door, light and unhurried.',
    'Rain starts all at once, loud on the roof.',
  ],
  quietStakes: () => [
    'It matters more than either of you is saying.',
    'Something small is being decided here.',
    'This is the kind of moment that gets remembered.',
    'It would be easy to let this pass. That would be a choice too.',
    'Whatever is said next will stay said.',
    'Neither of you is in a hurry, and still it matters.',
  ],
  stakes: () => [
    'There is no time left to weigh it.',
    'Whatever happens next will not be undone.',
    'Every breath counts now.',
    'Waiting is no longer a choice.',
    'Whatever is coming, it is coming now.',
    'There is no taking any of this back.',
    'The moment will not wait.',
    'It has to be decided here.',
  ],
  aloneAck: () => [
    'No one is left to watch you now.',
    'There is no one here but you.',
    'Only your own footsteps answer.',
    'The place is yours alone for now.',
    'No voice breaks the quiet but your own.',
  ],
  aloneHook: () => [
    'What do you do now?',
    'Where you go from here is yours to choose.',
    'Nothing holds you here. What next?',
    'The next move is yours alone.',
  ],
  threadLead: () => [
    'And then it begins.',
    'That is when it happens.',
    'Before anyone can move, the moment turns.',
    'Then, without warning, the moment breaks.',
    'Then everything changes at once.',
    'It happens quickly.',
  ],
  revealHint: ({ name, secret }) => [
    `Whenever ${secret} ${isPlural(secret) ? 'come' : 'comes'} up, ${name}'s hand stills.`,
    `${name} almost says something about ${secret}, then thinks better of it.`,
    `There is a story about ${secret} that ${name} has never told.`,
    `${name}'s glance slides toward ${secret} and away again.`,
  ],
  revealTold: ({ name, detail }) => [
    `${name} tells you something you had not heard before: ${detail}`,
    `Then ${name} says what nobody wrote to you: ${detail}`,
    `${name} lets it out, low: ${detail}`,
  ],
  goalLine: ({ name, goal }) => [
    `"All I want is to ${goal}," ${name} says.`,
    `"I mean to ${goal}. I will, too," ${name} says.`,
    `"One day I will ${goal}," ${name} says.`,
  ],
  goalNarrated: ({ name, goal }) => [
    `What ${name} wants is plain to anyone watching: to ${goal}.`,
    `${name} means to ${goal}, and it shows in every careful word.`,
    `Under everything, ${name} wants one thing: to ${goal}.`,
  ],
  answerSpoken: ({ name, detail, pos }) => {
    const bare = detail.replace(/[.!]+$/, '');
    return [
      `"${bare}," ${name} says. "That much anyone could tell you."`,
      `${name} answers without hurry. "${detail}"`,
      pos ? `${name} rubs ${pos} eyes. "${detail} There. Now you know."` : `"${detail}" ${name} lets that stand a moment. "There. Now you know."`,
      `"You want it plain? ${bare}," ${name} says.`,
    ];
  },
  answerNarrated: ({ name, detail }) => {
    // The composer lowers the first word unless it is a name ("the wheel stopped", "Corwin drowned").
    const told = detail;
    return [`${name} tells it in a few words: ${told}`, `The way ${name} tells it, ${told}`, `${name} gives the short of it: ${told}`];
  },
  resolve: ({ name }) => [
    'For now, the matter rests.',
    `${name} nods once, as if something has been settled.`,
    'The worst of it has passed, at least for the moment.',
    `Something eases between you and ${name}.`,
    'It will have to be enough, for the time being.',
    `${name} lets the matter lie, for now.`,
  ],
  recall: ({ name, fact, just }) => {
    switch (fact.kind) {
      case 'name':
        return [
          `"${fact.name}," ${name} says, trying the name out. "All right."`,
          `"${fact.name}." ${name} turns the name over once, and keeps it.`,
          `"${fact.name}, then," ${name} says, as if putting it somewhere safe.`,
        ];
      case 'promise': {
        const words = /[.!?…]$/.test(fact.words) ? fact.words : `${fact.words}.`;
        // A promise just made is weighed; one made turns ago is remembered.
        if (just) {
          return [
            `"A promise," ${name} says quietly. "I'll hold you to it."`,
            `"You promise?" ${name} asks. "Then I'm holding you to it."`,
            `${name} weighs your promise for a long moment before answering.`,
          ];
        }
        return [
          `${name} has not forgotten your words: "${words}"`,
          `"You gave your word," ${name} says. "I'm holding you to it."`,
          `"A promise is a promise," ${name} says quietly. "I'll remember you made it."`,
        ];
      }
      case 'kin': {
        const phrase = fact.ofPlayer ? `your ${fact.rel}, ${fact.person}` : `${fact.person}'s ${fact.rel}`;
        return [`"${cap(phrase)}," ${name} repeats quietly, as if to fix it in memory.`, `"${cap(phrase)}. I'll remember that," ${name} says.`];
      }
      case 'thing':
        return [
          `${name}'s glance drops to ${fact.thing} and stays there a moment.`,
          `"Keep ${fact.thing} close," ${name} says.`,
          `${name} looks at ${fact.thing}, then back at you, and asks nothing about it.`,
        ];
      case 'place':
        return [`"${cap(fact.place)}," ${name} says, as if that explains a good deal.`, `"${cap(fact.place)}. That explains a few things," ${name} says.`];
    }
  },
  hookQuestion: ({ name, topic, pos }) => {
    // Gestures times questions: enough combinations that a long story does not end the same way twice.
    const gestures = [
      `${name} looks straight at you.`, `${name} waits.`, `${name} leans closer.`, pos ? `${name} tilts ${pos} head a little.` : `${name} looks up.`,
      `${name} speaks low.`, `${name} meets your eyes.`, `${name} turns back to you.`, `${name} does not look away.`,
    ];
    // No frame presumes a story the pack may not tell: "Is the caldera why you came back?" was asked
    // of a crown-bearer who never left.
    const questions = topic
      ? [`"So what will you do about ${topic}?"`, `"And ${topic}? What happens now?"`, `"Why ${topic}, and why now?"`,
          `"What ${be(topic)} ${topic} to you, really?"`, `"What did you think you would find, asking about ${topic}?"`,
          `"What do you know about ${topic} that I don't?"`, `"${cap(be(topic))} ${topic} what this is about?"`]
      : [`"So what now?"`, `"Well? Where do we go from here?"`, `"What do you want here, truly?"`, `"Are you staying?"`,
          `"Will you tell me what you are thinking?"`, `"Which way, then?"`, `"What would you have me do?"`, `"Do you trust me?"`];
    return gestures.flatMap((g) => questions.map((q) => `${g} ${q}`));
  },
  hookAction: ({ name }) => [
    `${name} holds out a hand to you and waits.`,
    `${name} steps aside, leaving the way open for you.`,
    `${name} is watching you now, waiting for your answer.`,
    `${name} turns, leaving the next move to you.`,
    `${name} goes quiet, leaving the silence for you to break.`,
    `${name} sets the matter in front of you like a cup to be taken or left.`,
    `${name} waits to see what you will do.`,
    `${name} looks at you as if the next word is yours.`,
  ],
  hookFrom: ({ name, hook }) => [`${name} turns to you. "${hook}"`, `${name} looks at you. "${hook}"`],
  speak(name, line, manner, again) {
    // An authored action line ("*He turns.* ...") already says who moves; it stands on its own.
    if (line.startsWith('*')) return [line];
    if (again) return [`After a moment ${name} goes on. ${line}`, `${name} adds, ${line}`, `Then ${name} speaks again. ${line}`];
    return manner
      ? [`${name} says ${manner}, ${line}`, `${name} speaks ${manner}. ${line}`]
      : [`${name} says, ${line}`, `${name} speaks up. ${line}`];
  },
  quirk(name, quirk) {
    const q = quirk.trim().replace(/[.!]+$/, '');
    // "turns a token over" reads as an action after the name; "a nervous laugh" needs a frame.
    if (/^([a-z]+s|never|always|often|rarely|sometimes|still|keeps)\b/.test(q)) return `${name} ${q}.`;
    // A clause with its own subject ("flour lives in the creases of his knuckles"): the first
    // possessive becomes the name, so the sentence stands on its own.
    if (/^[a-z]+\s+[a-z]+s\b/.test(q) && /\b(his|her|their)\b/.test(q)) return `${cap(q.replace(/\b(his|her|their)\b/, `${name}'s`))}.`;
    // Anything else is a note about them, not something they do: "old habit" framing reads as a character sheet.
    return '';
  },
  manner(voice) {
    for (const [re, word] of MANNERS) if (re.test(voice)) return word;
    return '';
  },
  quote(line) {
    return /^["“*]/.test(line) ? line : `"${line}"`;
  },
  terminate(text) {
    const t = text.trim();
    return /[.!?…"”*:]$/.test(t) ? t : `${t}.`;
  },
  space: ' ',
};
