import { Component, type ReactNode } from 'react';
import { strings } from '../i18n';

interface Props {
  children: ReactNode;
}

/** Keeps a failing screen from taking the whole window down; the sidebar stays usable. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="notice notice-error" role="alert">
        <h2>{strings.app.screenFailed}</h2>
        <p className="notice-message">{error.message}</p>
        <p className="notice-hint">{strings.app.screenFailedHint}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {strings.app.reopen}
        </button>
      </div>
    );
  }
}
