import * as esbuild from 'esbuild';
const entry = process.argv[2];
const r = await esbuild.build({ entryPoints: [entry], bundle: true, platform: process.argv[3] || 'node', target: 'node20', format: 'cjs', mainFields: ['module','main'], conditions: ['source','module'], minify: true, metafile: true, write: false, external: ['vscode'], absWorkingDir: process.cwd(), plugins: [{name:'lazy', setup(b){ b.onResolve({filter:/.*/}, a => a.kind==='dynamic-import' ? {path:a.path, external:true} : undefined); }}] });
const out = Object.values(r.metafile.outputs)[0];
const byPkg = {};
for (const [file, info] of Object.entries(out.inputs)) { const m = file.match(/node_modules\/((@[^/]+\/)?[^/]+)/); const k = m ? m[1] : file.split('/').slice(0,2).join('/'); byPkg[k] = (byPkg[k]||0) + info.bytesInOutput; }
console.log(out.bytes, Object.entries(byPkg).sort((a,b)=>b[1]-a[1]).slice(0,25));
