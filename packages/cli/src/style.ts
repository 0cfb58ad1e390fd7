// Colour only for people: not when piped, not under NO_COLOR (https://no-color.org).
const enabled = () => process.stdout.isTTY === true && !process.env.NO_COLOR;
const wrap = (code: number) => (text: string) => (enabled() ? `\u001b[${code}m${text}\u001b[0m` : text);

export const bold = wrap(1);
export const dim = wrap(2);
export const red = wrap(31);
export const green = wrap(32);
export const yellow = wrap(33);
