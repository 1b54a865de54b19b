// Preloaded (NODE_OPTIONS=--require) into the cockpit by first-frame-cpu.mjs: at the first write
// holding the header's project name, then at the first holding `steps done` (the open release),
// appends `<mark> <CPU ms of the process, user + system, all threads> <ms since the process
// started>` to $RC_CPU_OUT. Streams' write is Duplex's own copy of Writable's (a TTY is a socket).
const { Duplex } = require('node:stream');
const { appendFileSync } = require('node:fs');

const out = process.env.RC_CPU_OUT;
const marks = [
  ['first', process.env.RC_CPU_PROJECT],
  ['open', 'steps done'],
];
let next = 0;
const write = Duplex.prototype.write;
Duplex.prototype.write = function (chunk, ...rest) {
  if (next < marks.length && typeof chunk === 'string' && chunk.includes(marks[next][1])) {
    const { user, system } = process.cpuUsage();
    appendFileSync(out, `${marks[next][0]} ${(user + system) / 1000} ${performance.now()}\n`);
    next += 1;
  }
  return write.call(this, chunk, ...rest);
};
