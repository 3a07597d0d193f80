// Reading a streamed NDJSON answer in the browser: the import and the reform routes send progress lines while
// they work, then their result as the last line. Pure: no server code.

/** Calls `onLine` with each JSON line of `body` as it arrives; resolves when the stream ends. */
export async function readNdjson<T>(body: ReadableStream<Uint8Array>, onLine: (msg: T) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done });
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines.filter(Boolean)) onLine(JSON.parse(line) as T);
    if (done) break;
  }
}
