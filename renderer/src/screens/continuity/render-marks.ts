/**
 * Performance marks for the timeline, read by the render benchmark (tests/bench/metrics/timeline-render.ts)
 * and visible in any profiler. A draw starts when new data arrives or the view changes, and ends at
 * the first frame painted after React committed the marks.
 */
export const TIMELINE_DRAW_START = 'doorway:timeline:start';
export const TIMELINE_DRAW = 'doorway:timeline:draw';

let pending = false;

function start(): void {
  performance.mark(TIMELINE_DRAW_START);
  pending = true;
}

export const markTimelineDataArrived = start;
export const markTimelineViewChanged = start;

/** Called after the chart committed; measures once the browser has painted that frame. */
export function measureTimelineDrawn(): void {
  if (!pending) return;
  pending = false;
  requestAnimationFrame(() => {
    // A message posted from the frame callback is delivered after that frame's paint.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      performance.measure(TIMELINE_DRAW, TIMELINE_DRAW_START);
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}
