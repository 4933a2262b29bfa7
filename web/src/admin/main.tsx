document.title = 'admin'
