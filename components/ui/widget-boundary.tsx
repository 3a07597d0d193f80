"use client";

import { Component, type ReactNode } from "react";

type Props = { title: string; body: string; retry: string; children: ReactNode };
type State = { error: (Error & { digest?: string }) | null };

/**
 * Keeps one failed widget from taking the whole dashboard down: the others still show, this one says it
 * could not load (never the error's text, only the digest the administrator finds in the logs) and offers
 * a retry. Next's own signals (404, redirects) pass through to Next.
 */
export class WidgetBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error & { digest?: string }): State {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (error.digest?.startsWith("NEXT_")) throw error;
    return (
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
        <p className="font-medium">{this.props.title}</p>
        <p className="mt-1">{this.props.body}</p>
        {error.digest && <p className="mt-1 font-mono text-xs text-amber-800">{error.digest}</p>}
        <button type="button" onClick={() => window.location.reload()} className="mt-2 rounded border border-amber-600 px-3 py-1 text-xs font-medium hover:bg-amber-100">
          {this.props.retry}
        </button>
      </div>
    );
  }
}
