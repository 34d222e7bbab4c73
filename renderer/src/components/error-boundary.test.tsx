// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './error-boundary';

afterEach(cleanup);

const failure = { on: true };

function FlakyScreen() {
  if (failure.on) throw new Error('metagraph is undefined');
  return <p>Screen works</p>;
}

it('shows a failing screen’s error and renders it again on request', async () => {
  // React reports caught render errors on the console; that is expected here.
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  render(
    <ErrorBoundary>
      <FlakyScreen />
    </ErrorBoundary>,
  );
  expect(screen.getByRole('alert').textContent).toContain('metagraph is undefined');
  failure.on = false;
  await userEvent.setup().click(screen.getByRole('button', { name: 'Open it again' }));
  expect(screen.getByText('Screen works')).toBeTruthy();
  quiet.mockRestore();
});
