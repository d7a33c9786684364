// Streams POST /api/stream into the page. Model output is inserted as text, never as HTML.
const form = document.getElementById('ask');
const prompt = document.getElementById('prompt');
const send = document.getElementById('send');
const stop = document.getElementById('stop');
const answer = document.getElementById('answer');
const error = document.getElementById('error');
const figures = document.getElementById('figures');
let running = null;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  answer.textContent = '';
  error.hidden = true;
  figures.textContent = '';
  running = new AbortController();
  send.disabled = true;
  stop.disabled = false;
  try {
    const response = await fetch('/api/stream', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream, application/problem+json' },
      body: JSON.stringify({ prompt: prompt.value }),
      signal: running.signal,
    });
    if (!response.ok) {
      const problem = await response.json();
      showError(problem.detail || response.statusText);
      return;
    }
    await readEvents(response.body, handle);
  } catch (failure) {
    if (failure.name === 'AbortError') {
      figures.textContent = 'Stopped.';
    } else {
      showError(failure.message);
    }
  } finally {
    running = null;
    send.disabled = false;
    stop.disabled = true;
  }
});

stop.addEventListener('click', () => running && running.abort());

function handle(name, data) {
  if (name === 'token') {
    answer.append(document.createTextNode(data.token));
  } else if (name === 'done') {
    const seconds = data.durationMillis / 1000;
    const rate = seconds > 0 ? (data.tokens / seconds).toFixed(1) : '-';
    figures.textContent = `First token after ${data.timeToFirstTokenMillis} ms · ${rate} tokens/s · `
      + `${data.tokens} tokens · endpoint ${data.endpoint}, variant ${data.variant}`
      + (data.finishReason ? ` · finished: ${data.finishReason}` : '');
  } else if (name === 'error') {
    showError(`${data.message} (${data.code})`);
  }
}

function showError(message) {
  error.textContent = message;
  error.hidden = false;
}

// Parses a server-sent event stream: "event:" and "data:" lines, events separated by a blank line.
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
          name = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
      }
      if (data.length > 0) {
        onEvent(name, JSON.parse(data.join('\n')));
      }
    }
  }
}
