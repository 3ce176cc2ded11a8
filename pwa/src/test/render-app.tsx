import { createMemoryHistory } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '@/app/app';

/** Renders the whole app (router, guards, query cache) starting at `path`. */
export function renderApp(path: string) {
  const history = createMemoryHistory({ initialEntries: [path] });
  const user = userEvent.setup();
  return { ...render(<App history={history} />), history, user };
}
