// kbsite: Material 9.8's partials/javascripts/base.html as a file, loaded where that partial is (in <head>), so the
// browser caches it once instead of every page carrying it. This file is assets/kbsite/scope.js: the site's root,
// Material's base_url, is two folders up from it; extra.scope, when set, is relative to the page, as in Material.
var __kb_scope=document.currentScript,__md_scope=__kb_scope.dataset.scope?new URL(__kb_scope.dataset.scope,location):new URL("../..",__kb_scope.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
