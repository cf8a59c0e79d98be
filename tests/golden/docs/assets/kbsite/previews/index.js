kbPreviewData({"shards":1});
