/**
 * The play screen's live area, under the history: the header, the selected or streaming reply
 * and its carousel (or an overlay in their place), the notice, the debug pane when it is inside
 * the area, the composer and the status line.
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { oneLine } from '../../text/sanitize.js';
import type { Candidate, Turn } from '../../engine/types.js';
import type { KeyState } from '../keys.js';
import { candidateMark, versionLabel } from '../text/blocks.js';
import type { PlayController } from '../hooks/usePlayController.js';
import type { LiveTurn, RetryWait } from '../hooks/useSessionRunner.js';
import { afterMs, type ScheduleNotice } from '../hooks/useNotice.js';
import { useWaitElapsed } from '../hooks/useWaitElapsed.js';
import type { ReplyView } from '../hooks/useReplyView.js';
import { Carousel } from './Carousel.js';
import { Composer } from './Composer.js';
import { Header } from './Header.js';
import { InfoOverlay } from './InfoOverlay.js';
import { Lines } from './Lines.js';
import { ListPicker } from './ListPicker.js';
import type { PlayLayout } from './play-layout.js';
import type { Overlay } from '../overlays.js';
import { StatusLine } from './StatusLine.js';

export interface LiveAreaProps {
  c: PlayController;
  layout: PlayLayout;
  reply: ReplyView;
  /** The turn and candidate shown when nothing streams. */
  shownTurn: Turn | undefined;
  shownCandidate: Candidate | undefined;
  keyState: KeyState;
  /** Ctrl+C was pressed once: what the status line says until it is pressed again or the window passes. */
  quitArmed: string | false;
  /** The debug pane, when it sits inside the live area. */
  pane: ReactNode;
  /** Ticks a retry's countdown (a timer by default; tests fire it). */
  schedule?: ScheduleNotice;
  /** The debug pane in one line, when it is open but the terminal has too few rows for it. */
  paneLine?: string | undefined;
  /** The overlay drawn in place of the reply and the composer: the open one, once the terminal shows the alternate screen. */
  overlay: Overlay | undefined;
}

/** Why a request is sent again, as the player reads it. */
const WAIT_CAUSE: Partial<Record<RetryWait['kind'], string>> = {
  'rate-limit': 'the endpoint asked to wait',
  timeout: 'the endpoint timed out',
  connection: 'the endpoint did not answer',
};

/** The wait the note speaks of: the furthest retry under way. */
function currentWait(waits: Record<number, RetryWait>): RetryWait | undefined {
  const all = Object.values(waits);
  return all.length === 0 ? undefined : all.reduce((a, b) => (b.attempt > a.attempt ? b : a));
}

/** A retry under way: why, which attempt of how many, and how long skald still waits before it (`elapsed` seconds of it have gone). */
function retryNote(wait: RetryWait | undefined, elapsed: number): string | undefined {
  if (!wait) return undefined;
  const seconds = Math.max(0, Math.round(wait.delayMs / 1000) - elapsed);
  return `${WAIT_CAUSE[wait.kind] ?? 'the endpoint failed'}: retry ${wait.attempt}/${wait.limit}${seconds > 0 ? ` in ${seconds} s` : ''}`;
}

/** What the carousel says while a run streams; `elapsed`: seconds of the current retry's wait gone by. */
function streamingNote(live: LiveTurn, elapsed: number): string {
  const retrying = retryNote(currentWait(live.waits), elapsed);
  const count = Object.keys(live.streams).length;
  const doing =
    live.kind === 'continue'
      ? `continuing turn ${live.turn}`
      : live.kind === 'edit-reply'
        ? `keeping your edit of turn ${live.turn}`
        : live.kind === 'regenerate'
          ? `writing candidate ${live.focus + 1} for turn ${live.turn}`
          : `writing ${count || ''} candidate${count === 1 ? '' : 's'}`;
  const done = Object.values(live.streams).filter((s) => s.done).length;
  // A wait comes first: while it lasts, the request it holds back writes nothing.
  if (retrying) return `${retrying}${done > 0 ? ` · ${done} done` : ''} · Esc stops`;
  // A reasoning model's thoughts go to the debug record, not the story: until its reply starts, the
  // live area is empty, and says why rather than looking stuck.
  const focus = live.streams[live.focus];
  const thinking = focus && !focus.done && !focus.text && focus.reasoning ? ' · the model is thinking' : '';
  // One stream (a continue, a regenerate, one candidate) is done when it is on screen: "0 done" would only be noise.
  return `${doing}…${count > 1 ? ` ${done} done` : ''}${thinking} · Esc stops`;
}

/** What the live area says when the terminal has too few rows for what it shows; what to do first, as a narrow one cuts the end. */
export function tooSmallNote(rows: number, overlay: Overlay | undefined): string {
  if (!overlay) return `Make the terminal taller: ${rows} rows are too few for the story.`;
  const what = overlay.kind === 'info' ? overlay.title : 'the branches';
  return `Make the terminal taller, or Esc closes ${what}: ${rows} rows are too few.`;
}

/** The live area of the play screen. */
export function LiveArea({
  c,
  layout,
  reply,
  shownTurn,
  shownCandidate,
  keyState,
  quitArmed,
  pane,
  paneLine,
  overlay,
  schedule = afterMs,
}: LiveAreaProps) {
  const live = c.runner.live;
  const elapsed = useWaitElapsed(live ? currentWait(live.waits) : undefined, schedule);
  const { storyWidth, wide, overlayH, composerMax, noticeLines, slashMatches, liveHeight } = layout;
  // Fewer rows than it needs: one line that says so (and the composer, if a row is left), never a
  // live area as tall as the terminal, which Ink answers by clearing the screen and its scrollback.
  if (!(overlay ? layout.overlayFits : layout.storyFits)) {
    return (
      <Box flexDirection="column" width={storyWidth}>
        {liveHeight > 0 ? (
          <Text dimColor wrap="truncate-end">
            {tooSmallNote(liveHeight + 1, overlay)}
          </Text>
        ) : null}
        {liveHeight > 1 && !overlay ? (
          <Composer editor={c.editor} width={storyWidth} maxLines={1} placeholder="" disabled={Boolean(live)} />
        ) : null}
      </Box>
    );
  }
  const turnNumber = live ? live.turn : (c.latest?.number ?? 0);
  // Before the first turn the carousel swipes between the world's openings (a card's greetings).
  const openings = c.session.pack.openings;
  const openingSwipe =
    c.turns.length === 0 && !live && openings.length > 1
      ? {
          index: Math.max(
            0,
            openings.findIndex((o) => o.id === c.snapshot.opening.id),
          ),
          count: openings.length,
          label: `opening: ${oneLine(c.snapshot.opening.title)}`,
        }
      : undefined;
  const marker = reply.marker ? (
    <Text dimColor wrap="truncate-end">
      {reply.marker}
    </Text>
  ) : null;

  return (
    <Box flexDirection="column" width={storyWidth}>
      {/* Above a reply whose head moved into the history, the header was printed there, over the head. */}
      {reply.spilled && !overlay ? null : (
        <Header
          world={c.session.pack.title}
          opening={c.snapshot.opening.title}
          turn={turnNumber}
          provider={c.snapshot.providerLabel}
          branchNote={c.earlier ? `viewing turn ${c.selection}` : undefined}
          width={storyWidth}
        />
      )}
      {overlay ? null : (
        <>
          {live ? marker : null}
          <Lines lines={reply.visible} />
          {live ? null : marker}
          <Carousel
            index={openingSwipe ? openingSwipe.index : (shownTurn?.chosen ?? 0)}
            count={openingSwipe ? openingSwipe.count : (shownTurn?.candidates.length ?? 0)}
            score={shownCandidate?.imported ? undefined : shownCandidate?.score}
            label={openingSwipe ? openingSwipe.label : shownCandidate ? versionLabel(shownCandidate) : undefined}
            flags={shownCandidate?.critics.filter((r) => r.flagged).map((r) => r.id)}
            mark={shownCandidate && !reply.noteShown ? candidateMark(shownCandidate) : undefined}
            earlierTurn={c.earlier ? c.selection : undefined}
            streaming={live ? streamingNote(live, elapsed) : undefined}
          />
          {reply.notSent.length > 0 ? <Lines lines={reply.notSent} /> : null}
        </>
      )}
      {/* Beside a full-height debug pane, this keeps the composer at the bottom. */}
      {wide ? <Box flexGrow={1} /> : null}
      {noticeLines.length > 0 ? <Lines lines={noticeLines} /> : null}
      {pane}
      {overlay?.kind === 'info' ? (
        <InfoOverlay
          title={overlay.title}
          text={overlay.text}
          width={storyWidth}
          height={overlayH}
          scroll={overlay.scroll}
          scrollWidth={overlay.width}
        />
      ) : null}
      {overlay?.kind === 'tree' ? (
        <ListPicker title="Branches" items={overlay.items} selected={overlay.selected} height={overlayH} width={storyWidth} />
      ) : null}
      {overlay ? null : (
        <Composer
          editor={c.editor}
          width={storyWidth}
          maxLines={composerMax}
          placeholder={
            live
              ? // What typed now does: kept for when the reply is done (Enter waits till then).
                'type ahead: your words wait here · Esc stops the reply'
              : c.turns.length === 0
                ? 'What do you do? (Enter sends · /help)'
                : c.editingReply !== undefined
                  ? 'edit the reply'
                  : c.editing
                    ? 'edit your message'
                    : ''
          }
          suggestion={slashMatches.length === 1 ? `/${slashMatches[0].name}`.slice(c.editor.text.length) : undefined}
          disabled={Boolean(live)}
        />
      )}
      <StatusLine state={keyState} width={storyWidth} notice={quitArmed || undefined} note={overlay || !paneLine ? undefined : paneLine} />
    </Box>
  );
}
