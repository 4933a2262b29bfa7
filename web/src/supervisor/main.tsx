document.title = 'supervisor'
