/**
 * Keeps a drawing bug from taking the terminal down: a part that throws while rendering is
 * replaced by one line saying so. Around the whole app, the fallback still lets the player quit.
 */
import { Component, type ReactNode } from 'react';
import { Box, Text, useApp } from 'ink';
import { neutralize } from '../../text/sanitize.js';
import { useKeypress } from '../hooks/useKeypress.js';
import { tint } from '../theme.js';

interface Props {
  /** What failed, for the message: "the debug pane". */
  what: string;
  /** Around the whole app: offer a way out. */
  root?: boolean;
  children: ReactNode;
}

/** Renders its children, or a one-line message if they throw while rendering. */
export class ErrorBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const message = `${this.props.what} could not be drawn (${neutralize(error.message)})`;
    return this.props.root ? (
      <RootFallback message={message} />
    ) : (
      <Text color={tint('red')} wrap="truncate-end">
        {message}.
      </Text>
    );
  }
}

function RootFallback({ message }: { message: string }) {
  const app = useApp();
  useKeypress((key) => {
    if ((key.name === 'c' && key.ctrl) || (key.name === 'char' && key.text === 'q')) app.exit();
  });
  return (
    <Box flexDirection="column">
      <Text color={tint('red')}>{message}.</Text>
      <Text>Your session is saved; press q to quit and `skald play --resume last` to continue.</Text>
    </Box>
  );
}
