import { getJieba } from '../electron/services/scoring/text.ts';
const j = getJieba();
console.log(j.tag('说一次你和同事或同学一起做一件事、中间意见不一样的经历。当时发生了什么？你做了什么？结果怎么样？现在三天后来打算不用', true).map(t=>t.word+'/'+t.tag).join(' '));
