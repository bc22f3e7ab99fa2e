-- Queries for bench/search_api.sh: what customers type, one request per
-- keystroke prefix, whole questions, typos, filters and nonsense, in turn.
local queries = {
  "o", "or", "ord", "orde", "order", "order exp", "order export",
  "shipping payment refund", "refnd", "custmer account", "invoice tax",
  "how do I change my password", "payment failed card declined",
  "product catalog import csv", "backup restore", "webhook api key",
  "xyzzy", "%3Cscript%3E", "the and of", "shipping&section=shipping",
  "export&tag=orders", "catalog variant price", "cancel subscription",
}
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/api/search?limit=10&q=" .. q:gsub(" ", "+"))
end
