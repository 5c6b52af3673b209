import { run } from './report.js';

const { output, code } = run(process.argv.slice(2));
(code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
process.exitCode = code;
