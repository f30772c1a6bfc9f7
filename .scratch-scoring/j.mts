import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
let t=performance.now(); const j = Jieba.withDict(dict); console.log('load ms', performance.now()-t);
for (const s of ['有一次顾客很生气，我先道歉，然后主动帮他换了商品，结果他很满意。','嗯，那个，就是我不会主动帮忙','I helped the customer, um, like two times at 3pm.','我在超市工作了两年，每天晚上八点下班']) console.log(j.cut(s, true).join('|'));
