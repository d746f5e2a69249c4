/**
 * Things and ideas with the year they came into the world (invention, coinage or founding, to
 * the nearest decade where it is fuzzy), for laws that put a story before some time. Data, not
 * code: extend freely. `sure: false` marks words with an older everyday sense ("camera" was a
 * chamber, "plastic" meant mouldable, "modern" is relative), which are hints at most.
 */
export interface AnachronismEntry {
  words: readonly string[];
  year: number;
  sure: boolean;
}

const entry = (year: number, words: string, sure = true): AnachronismEntry => ({ year, words: words.split('|'), sure });

export const ANACHRONISMS: readonly AnachronismEntry[] = [
  entry(1700, 'steam engine|steam engines'),
  entry(1800, 'modern|modern times|modern era|modern world|modern age', false),
  entry(1781, 'utilitarianism|utilitarian ethics'),
  entry(1814, 'deontology|deontological'),
  entry(1804, 'locomotive|locomotives|steam train|steam trains'),
  entry(1825, 'railway|railways|railroad|railroads'),
  entry(1826, 'photograph|photographs|photography|photo|photos|snapshot|照片|相片|照相机|拍照'),
  entry(1826, 'camera|cameras', false),
  entry(1837, 'telegraph|telegram|telegrams|电报'),
  entry(1840, 'socialism|communism|communist|电报机'),
  entry(1850, 'capitalism|marxism|marxist'),
  entry(1859, 'natural selection|darwinism|darwin'),
  entry(1876, 'telephone|telephones|phone call|phone calls|电话'),
  entry(1879, 'light bulb|lightbulb|light bulbs|electric light|electric lights|电灯|灯泡'),
  entry(1885, 'motorcycle|motorcycles|摩托车'),
  entry(1886, 'automobile|automobiles|motorcar|motorcars|car|cars|汽车|轿车'),
  entry(1888, 'movie|movies|cinema|cinemas|电影'),
  entry(1888, 'film|films', false),
  entry(1895, 'radio|radios|x-ray|x-rays|收音机|无线电'),
  entry(1896, 'psychoanalysis|freud'),
  entry(1899, 'flashlight|flashlights|手电筒'),
  entry(1900, 'quantum|quantum mechanics|量子'),
  entry(1903, 'airplane|airplanes|aeroplane|aeroplanes|aircraft|飞机'),
  entry(1905, 'relativity|einstein|相对论|爱因斯坦'),
  entry(1907, 'plastic|plastics', false),
  entry(1920, 'robot|robots|机器人'),
  entry(1927, 'television|televisions|tv|电视'),
  entry(1928, 'penicillin|antibiotic|antibiotics|青霉素|抗生素'),
  entry(1935, 'video|videos|视频'),
  entry(1936, 'helicopter|helicopters|直升机'),
  entry(1940, 'existentialism|existentialist'),
  entry(
    1945,
    'computer|computers|programming|programmer|programmers|atomic bomb|nuclear weapon|nuclear weapons|电脑|计算机|原子弹|程序员|编程',
  ),
  entry(1953, 'dna|基因'),
  entry(1956, 'artificial intelligence|人工智能'),
  entry(1958, 'software|软件'),
  entry(1959, 'quicksort|mergesort|bubble sort'),
  entry(1969, 'internet|online|互联网|网络'),
  entry(1971, 'email|emails|e-mail|电子邮件|邮箱'),
  entry(1972, 'video game|video games|videogame|游戏机'),
  entry(1973, 'mobile phone|mobile phones|cell phone|cellphone|cellphones|手机'),
  entry(1981, 'laptop|laptops|笔记本电脑'),
  entry(1985, 'c++'),
  entry(1991, 'website|websites|web page|python|网站|网页'),
  entry(1995, 'javascript'),
  entry(2004, 'social media|facebook|社交媒体'),
  entry(2006, 'twitter|tweet'),
  entry(2007, 'smartphone|smartphones|iphone|智能手机'),
  entry(2008, 'app store|apps'),
  entry(2010, 'instagram'),
  entry(2011, '微信|wechat'),
];
