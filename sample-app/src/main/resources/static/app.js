// A chat over POST /api/stream. The conversation is kept here and sent whole with every question; model
// output is inserted as text, never as HTML.
const form = document.getElementById('ask');
const prompt = document.getElementById('prompt');
const send = document.getElementById('send');
const stop = document.getElementById('stop');
const reset = document.getElementById('reset');
const modes = document.querySelectorAll('input[name="mode"]');
const conversationView = document.getElementById('conversation');
const assistantTurn = document.getElementById('assistant-turn');
const error = document.getElementById('error');
const figures = document.getElementById('figures');
let conversation = [];
// Agent mode keeps the conversation on the server, in this browser's session (an HttpOnly cookie); Ask the
// docs answers each question on its own.
let running = null;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const question = prompt.value;
  prompt.value = '';
  error.hidden = true;
  figures.textContent = '';
  conversation.push({ role: 'user', content: question });
  addUserTurn(question);
  const turn = assistantTurn.content.firstElementChild.cloneNode(true);
  conversationView.append(turn);
  const view = {
    answer: turn.querySelector('.answer'),
    reasoning: turn.querySelector('.reasoning'),
    thinking: turn.querySelector('.thinking'),
    tools: turn.querySelector('.tools'),
    sections: turn.querySelector('.sections'),
  };
  const mode = document.querySelector('input[name="mode"]:checked').value;
  running = new AbortController();
  send.disabled = true;
  stop.disabled = false;
  reset.disabled = true;
  let answered = false;
  try {
    const response = await fetch(mode === 'chat' ? '/api/stream' : `/api/${mode}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream, application/problem+json' },
      body: JSON.stringify(mode === 'chat' ? { messages: conversation } : { question }),
      signal: running.signal,
    });
    if (!response.ok) {
      const problem = await response.json();
      showError(problem.detail || response.statusText);
      return;
    }
    await readEvents(response.body, (name, data) => {
      answered = handle(name, data, view) || answered;
    });
  } catch (failure) {
    if (failure.name === 'AbortError') {
      figures.textContent = 'Stopped.';
    } else {
      showError(failure.message);
    }
  } finally {
    if (answered) {
      conversation.push({ role: 'assistant', content: view.answer.textContent });
    } else {
      // The question got no whole answer: leave it out of the conversation sent next time.
      conversation.pop();
    }
    running = null;
    send.disabled = false;
    stop.disabled = true;
    reset.disabled = false;
  }
});

stop.addEventListener('click', () => running && running.abort());

modes.forEach((mode) => mode.addEventListener('change', () => reset.click()));

reset.addEventListener('click', () => {
  conversation = [];
  fetch('/api/agent/conversation', { method: 'DELETE' }).catch(() => {});
  conversationView.replaceChildren();
  error.hidden = true;
  figures.textContent = '';
});

function addUserTurn(text) {
  const turn = document.createElement('div');
  turn.className = 'turn user';
  turn.textContent = text;
  conversationView.append(turn);
}

// Returns true when the answer is whole.
function handle(name, data, view) {
  if (name === 'token') {
    view.answer.append(document.createTextNode(data.token));
  } else if (name === 'reasoning') {
    view.reasoning.hidden = false;
    view.thinking.append(document.createTextNode(data.reasoning));
  } else if (name === 'tool') {
    const line = document.createElement('div');
    line.className = 'tool';
    line.textContent = `Ran ${data.tool}(${data.argument}): ${data.result}`;
    view.tools.append(line);
  } else if (name === 'section') {
    const section = document.createElement('div');
    section.className = 'section';
    const title = document.createElement('strong');
    title.textContent = data.title;
    section.append(title, document.createTextNode(` ${data.excerpt}`));
    view.sections.append(section);
  } else if (name === 'done' && data.docs) {
    figures.textContent = `Answered from ${view.sections.childElementCount} sections of the README.`;
    return true;
  } else if (name === 'done' && data.agent) {
    figures.textContent = 'Answered by the agent.';
    return true;
  } else if (name === 'done') {
    const seconds = data.durationMillis / 1000;
    const rate = seconds > 0 ? (data.tokens / seconds).toFixed(1) : '-';
    figures.textContent = `First token after ${data.timeToFirstTokenMillis} ms · ${rate} tokens/s · `
      + `${data.tokens} tokens · endpoint ${data.endpoint}, variant ${data.variant}`
      + (data.usage ? ` · usage ${data.usage.inputTokens} in, ${data.usage.outputTokens} out` : '')
      + (data.finishReason ? ` · finished: ${data.finishReason}` : '');
    return true;
  } else if (name === 'error') {
    showError(`${data.message} (${data.code})`);
  }
  return false;
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
