/**
 * Splits a text stream into complete lines. Chunks arrive cut at arbitrary places, so the unfinished
 * tail is kept until its newline arrives. Blank lines (the server's heartbeat) are dropped.
 */
export class LineSplitter {
  private tail = '';

  push(chunk: string): string[] {
    const parts = (this.tail + chunk).split('\n');
    this.tail = parts.pop() ?? '';
    return parts.map((p) => p.trim()).filter((p) => p.length > 0);
  }
}
